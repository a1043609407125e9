package io.pulse.api;

import java.time.Instant;

/**
 * A short-lived bearer token the backend issues to a signed-in person in demo mode ({@code POST
 * /api/v1/auth/token}): the UI sends it on every call it makes for that person.
 *
 * @param token the JWT, sent as {@code Authorization: Bearer <token>}
 * @param expiresAt when the backend stops accepting it (streams opened with it end then with {@code
 *     event: reauth}); renew before, with the token itself
 * @param user who it speaks for, as the backend knows them now
 */
public record SessionToken(String token, Instant expiresAt, Me user) {}
