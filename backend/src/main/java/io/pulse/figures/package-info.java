/**
 * The read side: counters from the windows in, index figures out (CSI, NPS, parameters, for a
 * dealer, a brand × region, a region, a brand, the network), through the index math of {@code
 * io.pulse.index}. The read API, the streams and analytics all read figures here.
 */
@NullMarked
package io.pulse.figures;

import org.jspecify.annotations.NullMarked;
