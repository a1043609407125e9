/**
 * Closing the loop: detractors and low scores become alerts a dealer manager acknowledges and
 * resolves with a note; alerts open for more than 24 hours are overdue.
 */
@NullMarked
package io.pulse.alert;

import org.jspecify.annotations.NullMarked;
