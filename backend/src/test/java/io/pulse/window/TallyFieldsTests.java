package io.pulse.window;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulse.api.JourneyStage;
import io.pulse.api.Parameter;
import io.pulse.index.Tally;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TallyFieldsTests {

  @Test
  void encodesAnAnswerAsOneIncrementPerRatedParameter() {
    Tally t =
        Tally.ofAnswer(
            JourneyStage.SERVICE_VISIT,
            Map.of(Parameter.RECOMMEND, 10, Parameter.SPEED, 5, Parameter.VISIT, 5));
    Map<String, Long> f = TallyFields.increments(t);
    assertThat(f)
        .containsEntry("n", 1L)
        .containsEntry("p", 1L)
        .containsEntry("@6", 1L)
        .containsEntry("r10", 1L)
        .containsEntry("s5", 1L)
        .containsEntry("v5", 1L)
        .hasSize(6);
  }

  @Test
  void decodesWhatItEncodesAndIgnoresUnknownFields() {
    Tally t =
        Tally.builder()
            .addAnswer(JourneyStage.CONTRACT, Map.of(Parameter.CAR, 4, Parameter.RETURN, 1))
            .addAnswer(JourneyStage.FIRST_CONTACT, Map.of(Parameter.RECOMMEND, 0))
            .build();
    Map<String, String> hash = new HashMap<>();
    TallyFields.increments(t).forEach((k, v) -> hash.put(k, Long.toString(v)));
    hash.put("zz9", "5");
    hash.put("future-figure", "3");
    assertThat(TallyFields.fromMap(hash)).isEqualTo(t);
  }
}
