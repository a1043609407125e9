package io.pulse.ui.backend;

import reactor.core.publisher.Mono;

/**
 * How the UI proves to the backend that it acts for one signed-in person: that person's own token
 * (a session token the backend issued in demo mode, or their OIDC access token), renewed before it
 * expires. Every call the UI makes for a person carries it, so the backend decides what each person
 * sees, audits them by name and holds them to its per-user limits.
 */
public interface BackendCredential {

  /** The person's name, for logs. */
  String person();

  /**
   * What decides what the backend lets this person see: role, brand and dealers. Two people with
   * equal keys see exactly the same, so they may share one upstream.
   */
  String accessKey();

  /**
   * A currently valid {@code Authorization} header value, renewed first when it is close to
   * expiring; an error when it cannot be (the token ran out, the person signed out).
   */
  Mono<String> authorization();

  /** Nobody: every call fails, so nothing is read for a session without a person. */
  BackendCredential NOBODY =
      new BackendCredential() {
        @Override
        public String person() {
          return "nobody";
        }

        @Override
        public String accessKey() {
          return "nobody";
        }

        @Override
        public Mono<String> authorization() {
          return Mono.error(new CredentialExpiredException("nobody is signed in"));
        }
      };

  /** The credential cannot give a valid token any more. */
  final class CredentialExpiredException extends RuntimeException {
    public CredentialExpiredException(String message) {
      super(message, null, false, false);
    }
  }
}
