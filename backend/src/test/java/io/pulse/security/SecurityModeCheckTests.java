package io.pulse.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.mock.env.MockEnvironment;

/** Production refuses to start half-configured; a mistyped mode refuses to start at all. */
class SecurityModeCheckTests {

  static SecurityProperties bind(Map<String, String> values) {
    return new Binder(new MapConfigurationPropertySource(values))
        .bindOrCreate("pulse.security", SecurityProperties.class);
  }

  @Test
  void aModeOtherThanDemoOrOidcStopsTheStartInsteadOfFallingBackToDemo() {
    assertThat(bind(Map.of("pulse.security.mode", "OIDC")).oidc()).isTrue();
    assertThat(bind(Map.of()).mode()).isEqualTo(SecurityProperties.Mode.DEMO);
    assertThatThrownBy(() -> bind(Map.of("pulse.security.mode", "odic")))
        .isInstanceOf(BindException.class)
        .hasMessageContaining("pulse.security.mode");
  }

  @Test
  void oidcWithoutIssuerAudienceOrWithTheDemoKeyNamesEachGap() {
    SecurityProperties oidc =
        bind(
            Map.of(
                "pulse.security.mode", "oidc",
                "pulse.security.ingest-keys[0].name", "simulator",
                "pulse.security.ingest-keys[0].key", SecurityProperties.DEMO_INGEST_KEY));
    List<String> problems = SecurityModeCheck.problems(oidc, new MockEnvironment());
    assertThat(problems)
        .hasSize(3)
        .anySatisfy(p -> assertThat(p).contains("ISSUERURI"))
        .anySatisfy(p -> assertThat(p).contains("AUDIENCES"))
        .anySatisfy(p -> assertThat(p).contains("demo ingest key").contains("simulator"));
  }

  @Test
  void oidcWithIssuerAudienceAndItsOwnKeyStarts() {
    SecurityProperties oidc =
        bind(
            Map.of(
                "pulse.security.mode", "oidc",
                "pulse.security.ingest-keys[0].name", "crm",
                "pulse.security.ingest-keys[0].key", "a-secret-of-our-own"));
    MockEnvironment env =
        new MockEnvironment()
            .withProperty(SecurityModeCheck.JWT + "issuer-uri", "https://login.example.com")
            .withProperty(SecurityModeCheck.JWT + "audiences", "pulse");
    assertThat(SecurityModeCheck.problems(oidc, env)).isEmpty();
  }

  @Test
  void demoModeNeedsNothingMore() {
    SecurityProperties demo =
        bind(
            Map.of(
                "pulse.security.ingest-keys[0].name",
                "simulator",
                "pulse.security.ingest-keys[0].key",
                SecurityProperties.DEMO_INGEST_KEY));
    assertThat(SecurityModeCheck.problems(demo, new MockEnvironment())).isEmpty();
  }

  @Test
  void aConfiguredKeyWithoutANameStopsTheStart() {
    try (var validator = jakarta.validation.Validation.buildDefaultValidatorFactory()) {
      SecurityProperties keyOnly =
          bind(Map.of("pulse.security.ingest-keys[0].key", "a-secret-of-our-own"));
      assertThat(validator.getValidator().validate(keyOnly))
          .anySatisfy(v -> assertThat(v.getPropertyPath().toString()).contains("name"));
    }
  }
}
