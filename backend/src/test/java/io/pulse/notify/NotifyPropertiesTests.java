package io.pulse.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class NotifyPropertiesTests {

  final NotifyProperties properties =
      new NotifyProperties(
          "pulse@localhost",
          URI.create("http://localhost:8081"),
          Duration.ofSeconds(10),
          Duration.ofSeconds(5),
          LocalTime.of(7, 0),
          DayOfWeek.MONDAY,
          50,
          10,
          Duration.ofMinutes(1),
          Duration.ofHours(1),
          Duration.ofHours(48),
          Duration.ofMinutes(2),
          5);

  @Test
  void theWaitDoublesAfterEachFailureUpToTheLongest() {
    // 1, 2, 4, 8, 16, 32 minutes, then capped at 60.
    assertThat(properties.backoff(1)).isEqualTo(Duration.ofMinutes(1));
    assertThat(properties.backoff(2)).isEqualTo(Duration.ofMinutes(2));
    assertThat(properties.backoff(3)).isEqualTo(Duration.ofMinutes(4));
    assertThat(properties.backoff(6)).isEqualTo(Duration.ofMinutes(32));
    assertThat(properties.backoff(7)).isEqualTo(Duration.ofHours(1));
    assertThat(properties.backoff(1000)).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void aSubjectIsOneLineOfAtMost200Characters() {
    assertThat(new Mail("a\r\nBcc: x@y\tz", "").subject()).isEqualTo("a Bcc: x@y z");
    assertThat(new Mail("x".repeat(300), "").subject()).hasSize(200).endsWith("…");
  }

  @Test
  void reasonsReadAsWordsInBothLanguages() {
    assertThat(MailTexts.reasons(java.util.List.of("DETRACTOR", "LOW_SCORE:SPEED"), false))
        .containsExactly("detractor (would not recommend)", "low score: Speed and organisation");
    // A code without words yet reads as itself (early warnings have words: MailTextsTests).
    assertThat(MailTexts.reasons(java.util.List.of("LOW_SCORE:SPEED", "SOMETHING_NEW"), true))
        .containsExactly("низкая оценка: Скорость и организация", "SOMETHING_NEW");
  }
}
