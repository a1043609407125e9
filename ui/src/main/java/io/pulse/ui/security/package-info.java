/**
 * Who is signed in to the UI and what they may open: a login form checked against the backend's
 * users ({@code GET /api/v1/me}), the signed-in user's dealers or brand, and the page's security
 * settings (CSRF, headers).
 */
@NullMarked
package io.pulse.ui.security;

import org.jspecify.annotations.NullMarked;
