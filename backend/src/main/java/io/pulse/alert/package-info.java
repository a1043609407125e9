/**
 * Closing the loop: detractors, low scores and early warnings (a dealer's answers falling, its
 * detractors rising, one parameter falling: {@link io.pulse.alert.EarlyWarnings}) become alerts a
 * dealer manager acknowledges and resolves with a note; alerts open for more than 24 hours are
 * overdue.
 */
@NullMarked
package io.pulse.alert;

import org.jspecify.annotations.NullMarked;
