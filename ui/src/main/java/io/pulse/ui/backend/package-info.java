/**
 * The backend's API as the UI consumes it, always as a signed-in person ({@link
 * io.pulse.ui.backend.BackendCredential}): a REST client and the live hub that shares one SSE
 * subscription per (scope, window, access key) between the browser sessions allowed to join it.
 * Nothing here depends on Vaadin.
 */
@NullMarked
package io.pulse.ui.backend;

import org.jspecify.annotations.NullMarked;
