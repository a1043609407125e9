/**
 * Who may see and do what: users from an OIDC provider (JWT) or built-in demo users (HTTP Basic,
 * and the session tokens issued to them for the UI), the source address a trusted UI forwards, API
 * keys for ingest clients, object-level checks (a dealer manager sees only their dealers, an
 * executive only their brand), rate limits, stream caps and an audit log of admin actions.
 */
@NullMarked
package io.pulse.security;

import org.jspecify.annotations.NullMarked;
