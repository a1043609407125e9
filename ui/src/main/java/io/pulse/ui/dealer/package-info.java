/** The dealer manager's cabinet: one dealer's live index, parameters, stages, feed and alerts. */
@NullMarked
package io.pulse.ui.dealer;

import org.jspecify.annotations.NullMarked;
