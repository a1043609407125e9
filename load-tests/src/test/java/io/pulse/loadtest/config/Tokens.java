package io.pulse.loadtest.config;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * Bearer tokens as an OIDC provider would issue them (RS256, the backend's {@code pulse_role},
 * {@code pulse_dealers} and {@code pulse_brand} claims), one identity per virtual user: each
 * cabinet is the manager of its own dealer, each executive an executive of their brand. The backend
 * under test trusts the matching public key ({@code
 * spring.security.oauth2.resourceserver.jwt.public-key-location}); {@code run.sh} makes the pair.
 */
public final class Tokens {

  private final RSASSASigner signer;
  private final Instant expires;

  private Tokens(PrivateKey key, Instant expires) {
    this.signer = new RSASSASigner(key);
    this.expires = expires;
  }

  /**
   * Tokens signed with the PKCS#8 PEM private key at {@code privateKeyPem}, valid for {@code
   * lifetime} from now (the whole run and a margin: a stream outliving its token is not tested
   * here).
   */
  public static Tokens load(Path privateKeyPem, Duration lifetime) {
    try {
      String pem = Files.readString(privateKeyPem);
      String body = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
      PrivateKey key =
          KeyFactory.getInstance("RSA")
              .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
      return new Tokens(key, Instant.now().plus(lifetime));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the token key " + privateKeyPem, e);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException("not a PKCS#8 RSA private key: " + privateKeyPem, e);
    }
  }

  /** The {@code Authorization} value of the manager of dealer {@code dealerId} alone. */
  public String dealerManager(String dealerId) {
    return bearer(
        "manager-" + dealerId,
        Map.of("pulse_role", "DEALER_MANAGER", "pulse_dealers", List.of(dealerId)));
  }

  /** The {@code Authorization} value of executive number {@code n} of brand {@code brandId}. */
  public String brandExecutive(String brandId, int n) {
    return bearer(
        "executive-" + brandId + "-" + n,
        Map.of("pulse_role", "BRAND_EXECUTIVE", "pulse_brand", brandId));
  }

  /** The {@code Authorization} value of admin {@code name} (cross-brand views, metrics). */
  public String admin(String name) {
    return bearer(name, Map.of("pulse_role", "ADMIN"));
  }

  private String bearer(String subject, Map<String, Object> claims) {
    JWTClaimsSet.Builder set =
        new JWTClaimsSet.Builder()
            .subject(subject)
            // A URL, as a provider's issuer is: anything else costs the backend a failed URL
            // parse (an exception) per token.
            .issuer("https://load-tests.pulse.invalid")
            // The audience Pulse's backends accept (OIDC mode checks it).
            .audience("pulse")
            .issueTime(new Date())
            .expirationTime(Date.from(expires));
    claims.forEach(set::claim);
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).build(),
            set.build());
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign a token for " + subject, e);
    }
    return "Bearer " + jwt.serialize();
  }
}
