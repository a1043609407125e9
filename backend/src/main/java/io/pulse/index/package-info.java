/**
 * The pure index math of Pulse: parameters and their scales, answer tallies, CSI, NPS and
 * significance. No framework imports, so every formula can be unit- and property-tested alone.
 */
@NullMarked
package io.pulse.index;

import org.jspecify.annotations.NullMarked;
