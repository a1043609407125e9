package io.pulse.loadtest.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tokens verify with the key pair's public half and carry the claims the backend binds users by.
 */
class TokensTests {

  static KeyPair pair;
  static Tokens tokens;

  @BeforeAll
  static void keys(@TempDir Path dir) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    pair = generator.generateKeyPair();
    // The layout openssl genpkey writes: PKCS#8, base64 in lines of 64.
    String pem =
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(pair.getPrivate().getEncoded())
            + "\n-----END PRIVATE KEY-----\n";
    Path file = dir.resolve("key.pem");
    Files.writeString(file, pem);
    tokens = Tokens.load(file, Duration.ofHours(2));
  }

  static SignedJWT verified(String authorization) throws Exception {
    assertThat(authorization).startsWith("Bearer ");
    SignedJWT jwt = SignedJWT.parse(authorization.substring("Bearer ".length()));
    assertThat(jwt.verify(new RSASSAVerifier((RSAPublicKey) pair.getPublic()))).isTrue();
    assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
    return jwt;
  }

  @Test
  void aCabinetIsTheManagerOfItsOwnDealerOnly() throws Exception {
    var claims = verified(tokens.dealerManager("D00042")).getJWTClaimsSet();
    assertThat(claims.getSubject()).isEqualTo("manager-D00042");
    assertThat(claims.getStringClaim("pulse_role")).isEqualTo("DEALER_MANAGER");
    assertThat(claims.getStringListClaim("pulse_dealers")).isEqualTo(List.of("D00042"));
    assertThat(claims.getExpirationTime().toInstant())
        .isBetween(Instant.now().plus(Duration.ofMinutes(110)), Instant.now().plusSeconds(7300));
  }

  @Test
  void executivesAreBoundToTheirBrandAndEachIsSomeoneElse() throws Exception {
    var one = verified(tokens.brandExecutive("VOLTA", 1)).getJWTClaimsSet();
    var two = verified(tokens.brandExecutive("VOLTA", 2)).getJWTClaimsSet();
    assertThat(one.getStringClaim("pulse_role")).isEqualTo("BRAND_EXECUTIVE");
    assertThat(one.getStringClaim("pulse_brand")).isEqualTo("VOLTA");
    assertThat(one.getSubject()).isNotEqualTo(two.getSubject());
    assertThat(verified(tokens.admin("ops")).getJWTClaimsSet().getStringClaim("pulse_role"))
        .isEqualTo("ADMIN");
  }

  @Test
  void aForeignKeyDoesNotVerify() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    RSAPublicKey other = (RSAPublicKey) generator.generateKeyPair().getPublic();
    String authorization = tokens.dealerManager("D1");
    SignedJWT jwt = SignedJWT.parse(authorization.substring("Bearer ".length()));
    assertThat(jwt.verify(new RSASSAVerifier(other))).isFalse();
  }
}
