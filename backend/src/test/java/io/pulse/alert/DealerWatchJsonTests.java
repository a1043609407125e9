package io.pulse.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulse.api.Parameter;
import io.pulse.index.DealerWatch;
import io.pulse.index.EarlyWarning;
import io.pulse.index.EarlyWarningSettings;
import io.pulse.index.IndexSettings;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The tests' state is stored as JSON between passes: it must come back exactly as it went. */
class DealerWatchJsonTests {

  @Test
  void aStateComesBackFromJsonExactly() {
    EarlyWarning tests =
        new EarlyWarning(EarlyWarningSettings.defaults(), IndexSettings.defaults());
    SplittableRandom rng = new SplittableRandom(5);
    DealerWatch w = DealerWatch.fresh();
    for (int i = 0; i < 300; i++) {
      int v = 1 + rng.nextInt(5);
      Map<Parameter, Integer> a =
          i % 3 == 0
              ? Map.of(Parameter.SPEED, v, Parameter.RECOMMEND, rng.nextInt(11))
              : Map.of(Parameter.VISIT, v, Parameter.CAR, 1 + rng.nextInt(5));
      w = tests.advance(w, a).watch();
    }
    JsonMapper json = JsonMapper.builder().build();
    String text = json.writeValueAsString(w);
    assertThat(json.readValue(text, DealerWatch.class)).isEqualTo(w);
    assertThat(json.readValue(json.writeValueAsString(DealerWatch.fresh()), DealerWatch.class))
        .isEqualTo(DealerWatch.fresh());
  }
}
