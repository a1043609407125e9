/**
 * The backend's API as the UI consumes it: records for its JSON, a REST client and the live hub
 * that shares one SSE subscription per (scope, window) between every browser session. Nothing here
 * depends on Vaadin.
 */
@NullMarked
package io.pulse.ui.backend;

import org.jspecify.annotations.NullMarked;
