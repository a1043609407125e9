/** What every feature shares: the clock, RFC 9457 problem responses, and request limits. */
@NullMarked
package io.pulse.system;

import org.jspecify.annotations.NullMarked;
