/**
 * Live streams: server-sent events of index figures and dealer feeds, one shared upstream per
 * watched scope in an instance, fed by a Redis pub/sub relay across instances, conflated to a
 * bounded rate and safe against slow clients.
 */
@NullMarked
package io.pulse.stream;

import org.jspecify.annotations.NullMarked;
