/** Pulse's Vaadin UI; features live in sub-packages, shared layout and i18n in {@code base}. */
@NullMarked
package io.pulse.ui;

import org.jspecify.annotations.NullMarked;
