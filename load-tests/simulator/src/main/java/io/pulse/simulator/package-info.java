/** Stand-alone feedback simulator: generates a dealer network and feeds events to Pulse. */
@NullMarked
package io.pulse.simulator;

import org.jspecify.annotations.NullMarked;
