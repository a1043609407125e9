package io.pulse.loadtest.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LoadConfigTests {

  private static LoadConfig.Defaults defaults(LoadProfile profile) {
    return profile == LoadProfile.CAPACITY
        ? new LoadConfig.Defaults(10_000, 0, 1000, 10, Duration.ofMinutes(2), Duration.ofMinutes(5))
        : new LoadConfig.Defaults(200, 0, 50, 10, Duration.ofSeconds(10), Duration.ofSeconds(30));
  }

  private static Properties props(String... pairs) {
    Properties p = new Properties();
    for (int i = 0; i < pairs.length; i += 2) {
      p.setProperty(pairs[i], pairs[i + 1]);
    }
    return p;
  }

  @Test
  void theProfileChoosesTheDefaults() {
    LoadConfig smoke = LoadConfig.from(props(), LoadConfigTests::defaults);
    LoadConfig capacity =
        LoadConfig.from(props("pulse.profile", "Capacity"), LoadConfigTests::defaults);

    assertThat(smoke.profile()).isEqualTo(LoadProfile.SMOKE);
    assertThat(smoke.users()).isEqualTo(200);
    assertThat(smoke.thinkMax()).isEqualTo(Duration.ofSeconds(3));
    assertThat(capacity.users()).isEqualTo(10_000);
    assertThat(capacity.rate()).isEqualTo(1000);
    assertThat(capacity.total()).isEqualTo(Duration.ofMinutes(7));
    assertThat(capacity.baseUrls()).containsExactly("http://127.0.0.1:8080");
    assertThat(capacity.auth().readHeaders()).isEmpty();
    assertThat(capacity.rampFeedbackFrom()).isEqualTo(0.1);
  }

  @Test
  void propertiesWinOverTheProfile() {
    LoadConfig config =
        LoadConfig.from(
            props(
                "pulse.profile", "capacity",
                "pulse.users", "12_000",
                "pulse.rate", "1500",
                "pulse.duration", "10m",
                "pulse.ramp", "PT90S",
                "pulse.rampFeedbackFrom", "1",
                "pulse.baseUrls", "http://127.0.0.1:18100/, http://127.0.0.1:18101",
                "pulse.localAddresses", "127.0.0.1,127.0.0.2",
                "pulse.apiKey", "k",
                "pulse.user", "admin",
                "pulse.password", "secret"),
            LoadConfigTests::defaults);

    assertThat(config.users()).isEqualTo(12_000);
    assertThat(config.rate()).isEqualTo(1500);
    assertThat(config.hold()).isEqualTo(Duration.ofMinutes(10));
    assertThat(config.ramp()).isEqualTo(Duration.ofSeconds(90));
    assertThat(config.rampFeedbackFrom()).isEqualTo(1.0);
    assertThat(config.describe()).contains("ramp=90s (feedback from 100 %)");
    assertThat(config.baseUrls())
        .containsExactly("http://127.0.0.1:18100", "http://127.0.0.1:18101");
    assertThat(config.localAddresses()).isEqualTo(List.of("127.0.0.1", "127.0.0.2"));
    assertThat(config.auth().ingestHeaders()).containsEntry("X-Api-Key", "k");
    assertThat(config.auth().readHeaders())
        .containsEntry("Authorization", "Basic YWRtaW46c2VjcmV0");
    assertThat(config.describe()).doesNotContain("secret");
  }

  @Test
  void aBearerTokenIsPreferredForReads() {
    Auth auth = new Auth(null, "admin", "x", "tok", null);

    assertThat(auth.readHeaders()).containsEntry("Authorization", "Bearer tok");
    assertThat(auth.ingestHeaders()).containsEntry("Authorization", "Bearer tok");
  }

  @Test
  void durationsComeInSeveralSpellings() {
    assertThat(LoadConfig.parseDuration("x", "90")).isEqualTo(Duration.ofSeconds(90));
    assertThat(LoadConfig.parseDuration("x", "500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(LoadConfig.parseDuration("x", "2h")).isEqualTo(Duration.ofHours(2));
    assertThat(LoadConfig.parseDuration("x", "pt5m")).isEqualTo(Duration.ofMinutes(5));
    assertThatThrownBy(() -> LoadConfig.parseDuration("pulse.duration", "soon"))
        .hasMessageContaining("pulse.duration");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "pulse.batch | 5000 | pulse.batch must be 1..1000",
        "pulse.users | many | pulse.users must be a whole number, was 'many'",
        "pulse.rate | fast | pulse.rate must be a number, was 'fast'",
        "pulse.rampFeedbackFrom | 0 | pulse.rampFeedbackFrom must be in (0, 1]",
        "pulse.profile | huge | smoke, capacity, soak, stress"
      })
  void badValuesAreRefusedWithThePropertyName(String property, String value, String message) {
    assertThatThrownBy(() -> LoadConfig.from(props(property, value), LoadConfigTests::defaults))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }
}
