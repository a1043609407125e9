package io.pulse.notify;

import static org.assertj.core.api.Assertions.assertThat;

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
}
