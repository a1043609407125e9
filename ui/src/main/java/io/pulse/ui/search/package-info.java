/**
 * Comment search for people: what customers wrote, found by words and filters within the person's
 * dealers or brand (the backend scopes it), with the matches marked and the results as a file.
 */
@NullMarked
package io.pulse.ui.search;

import org.jspecify.annotations.NullMarked;
