/**
 * The brand executive's dashboards: regions compared, fair rankings, segments, integrity, drivers.
 */
@NullMarked
package io.pulse.ui.executive;

import org.jspecify.annotations.NullMarked;
