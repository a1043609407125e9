/**
 * The public contract of Pulse: the codes (parameters, journey stages, verdicts) and every message
 * of the HTTP API and the streams, as plain records. The backend writes them, the UI, the simulator
 * and the load tests read them; a renamed field breaks the build of each, not production.
 */
@NullMarked
package io.pulse.api;

import org.jspecify.annotations.NullMarked;
