/**
 * What every view shares: the app shell, the main layout, translations and locale-aware formats,
 * the chart component, the connection badge and the {@link io.pulse.ui.base.CurrentUser} seam.
 */
@NullMarked
package io.pulse.ui.base;

import org.jspecify.annotations.NullMarked;
