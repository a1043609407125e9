/**
 * Who is signed in to the UI and what they may open: a login form checked by the backend, which
 * issues the person a session token ({@code POST /api/v1/auth/token}), or OIDC sign-in with the
 * person's access token relayed; the signed-in user's dealers or brand; and the page's security
 * settings (CSRF, headers).
 */
@NullMarked
package io.pulse.ui.security;

import org.jspecify.annotations.NullMarked;
