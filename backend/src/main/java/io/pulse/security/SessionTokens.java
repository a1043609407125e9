package io.pulse.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.pulse.api.Me;
import io.pulse.api.SessionToken;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Issues and checks the demo mode's session tokens: JWTs signed with HMAC-SHA256, for audience
 * {@value #AUDIENCE} only, carrying the same {@code pulse_*} claims an OIDC provider's tokens
 * carry, so the backend reads both the same way. Every instance signs and checks with one key: from
 * configuration, or made once and kept in PostgreSQL.
 */
@Component
class SessionTokens {

  static final String ISSUER = "pulse";
  static final String AUDIENCE = "pulse-session";

  private final SessionTokenProperties properties;
  private final Clock clock;
  private final Mono<SecretKey> key;

  SessionTokens(SessionTokenProperties properties, DatabaseClient db, Clock clock) {
    this.properties = properties;
    this.clock = clock;
    String configured = properties.signingKey();
    Mono<byte[]> secret =
        configured == null || configured.isBlank()
            ? shared(db)
            : Mono.fromSupplier(() -> configured(configured));
    // Read once; a failed read (the database away) is tried again by the next caller.
    this.key =
        secret
            .<SecretKey>map(bytes -> new SecretKeySpec(bytes, "HmacSHA256"))
            .cache(k -> Duration.ofDays(3650), e -> Duration.ZERO, () -> Duration.ZERO);
  }

  /** A token for {@code user}, valid for the configured lifetime from now. */
  Mono<SessionToken> issue(PulseUser user) {
    return key.map(k -> sign(k, user));
  }

  /** Checks signature, issuer, audience and expiry (no leeway) of a presented token. */
  ReactiveJwtDecoder decoder() {
    return token ->
        key.flatMap(k -> {
          NimbusReactiveJwtDecoder decoder =
              NimbusReactiveJwtDecoder.withSecretKey(k).macAlgorithm(MacAlgorithm.HS256).build();
          JwtTimestampValidator expiry = new JwtTimestampValidator(Duration.ZERO);
          expiry.setClock(clock);
          decoder.setJwtValidator(
              new DelegatingOAuth2TokenValidator<Jwt>(
                  expiry,
                  new JwtIssuerValidator(ISSUER),
                  new JwtClaimValidator<List<String>>(
                      JwtClaimNames.AUD, aud -> aud != null && aud.contains(AUDIENCE))));
          return decoder.decode(token);
        });
  }

  private SessionToken sign(SecretKey k, PulseUser user) {
    Instant now = clock.instant();
    Instant expires = now.plus(properties.lifetime());
    List<String> dealers = user.dealerIds().stream().sorted().toList();
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .issuer(ISSUER)
            .audience(AUDIENCE)
            .subject(user.name())
            .jwtID(UUID.randomUUID().toString())
            .issueTime(Date.from(now))
            .expirationTime(Date.from(expires))
            .claim("preferred_username", user.name())
            .claim("pulse_role", user.role().name())
            .claim("pulse_dealers", dealers);
    if (user.brandId() != null) {
      claims.claim("pulse_brand", user.brandId());
    }
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(),
            claims.build());
    try {
      jwt.sign(new MACSigner(k));
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign a session token", e);
    }
    // The JWT's exp has whole seconds: say the same here.
    Instant exp = Instant.ofEpochSecond(expires.getEpochSecond());
    return new SessionToken(
        jwt.serialize(), exp, new Me(user.name(), user.role(), dealers, user.brandId()));
  }

  private static byte[] configured(String base64) {
    byte[] bytes = Base64.getDecoder().decode(base64.trim());
    if (bytes.length < 32) {
      throw new IllegalStateException(
          "pulse.security.session-tokens.signing-key must be at least 32 bytes (Base64)");
    }
    return bytes;
  }

  /**
   * The key every instance shares: the first to ask inserts a random one, and all read the row that
   * won.
   */
  private static Mono<byte[]> shared(DatabaseClient db) {
    byte[] candidate = new byte[32];
    new SecureRandom().nextBytes(candidate);
    return db.sql(
            "INSERT INTO session_token_key (id, secret) VALUES (1, :s) ON CONFLICT (id) DO NOTHING")
        .bind("s", candidate)
        .fetch()
        .rowsUpdated()
        .then(
            db.sql("SELECT secret FROM session_token_key WHERE id = 1")
                .map(row -> row.get("secret", byte[].class))
                .one());
  }
}
