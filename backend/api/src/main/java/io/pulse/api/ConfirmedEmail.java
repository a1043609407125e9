package io.pulse.api;

/**
 * The answer to a confirmation link that worked.
 *
 * @param email the address now confirmed: the one the link was mailed to, so nothing the holder of
 *     the link did not know already
 */
public record ConfirmedEmail(String email) {}
