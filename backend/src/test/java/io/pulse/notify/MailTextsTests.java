package io.pulse.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class MailTextsTests {

  @Test
  void everyAlertReasonIsSaidInWords() {
    List<String> codes =
        List.of(
            "DETRACTOR", "LOW_SCORE:SPEED", "INDEX_DROP", "DETRACTORS_RISE", "WEAK_POINT:VISIT");
    assertThat(MailTexts.reasons(codes, false))
        .containsExactly(
            "detractor (would not recommend)",
            "low score: Speed and organisation",
            "early warning: CSI falling",
            "early warning: detractors rising",
            "early warning: falling Service during the visit");
    assertThat(MailTexts.reasons(codes, true))
        .containsExactly(
            "критик (не порекомендует)",
            "низкая оценка: Скорость и организация",
            "раннее предупреждение: CSI падает",
            "раннее предупреждение: растёт доля критиков",
            "раннее предупреждение: снижается Обслуживание во время визита");
  }

  @Test
  void aConfirmationSaysWhatWouldComeAndGetsItsLinkOnlyWhenSent() {
    MailTexts texts = new MailTexts(URI.create("https://pulse.example/"));
    Mail en = texts.confirmation("en", Duration.ofHours(48));
    assertThat(en.subject()).isEqualTo("Pulse: confirm your e-mail address");
    // The placeholder stands where the link goes; no token exists before the e-mail is sent.
    assertThat(en.body())
        .contains("works for 48 hours, and once:\n" + MailTexts.CONFIRMATION_LINK + "\n")
        .contains("If it was not you, do nothing")
        .doesNotContain("https://");
    Mail ru = texts.confirmation("ru", Duration.ofMinutes(90));
    assertThat(ru.subject()).isEqualTo("Pulse: подтвердите адрес электронной почты");
    assertThat(ru.body()).contains("действует 90 мин", MailTexts.CONFIRMATION_LINK);

    ConfirmationToken token = ConfirmationToken.random();
    assertThat(texts.confirmationLink(token))
        .isEqualTo("https://pulse.example/confirm-email?token=" + token.value());
  }
}
