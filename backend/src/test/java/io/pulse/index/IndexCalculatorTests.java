package io.pulse.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.pulse.api.JourneyStage;
import io.pulse.api.Parameter;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IndexCalculatorTests {

  private final IndexCalculator calculator = new IndexCalculator(IndexSettings.defaults());

  private static Map<Parameter, Integer> scores(Object... pairs) {
    Map<Parameter, Integer> m = new EnumMap<>(Parameter.class);
    for (int i = 0; i < pairs.length; i += 2) {
      m.put((Parameter) pairs[i], (Integer) pairs[i + 1]);
    }
    return m;
  }

  @Test
  void normalisesBothScalesToZeroToHundred() {
    assertThat(Parameter.SPEED.normalise(1)).isZero();
    assertThat(Parameter.SPEED.normalise(2)).isEqualTo(25);
    assertThat(Parameter.SPEED.normalise(5)).isEqualTo(100);
    assertThat(Parameter.RECOMMEND.normalise(0)).isZero();
    assertThat(Parameter.RECOMMEND.normalise(7)).isEqualTo(70);
    assertThat(Parameter.RECOMMEND.normalise(10)).isEqualTo(100);
  }

  @Test
  void knownAnswerForThreeAnswers() {
    // Answer 1: SPEED 5 (100), RECOMMEND 10 (100)
    // Answer 2: SPEED 3 (50),  RECOMMEND 6 (60)  -> detractor
    // Answer 3: SPEED 2 (25),  RECOMMEND 8 (80)  -> passive, COMMUNICATION 4 (75)
    Tally t =
        Tally.builder()
            .addAnswer(JourneyStage.HANDOVER, scores(Parameter.SPEED, 5, Parameter.RECOMMEND, 10))
            .addAnswer(JourneyStage.HANDOVER, scores(Parameter.SPEED, 3, Parameter.RECOMMEND, 6))
            .addAnswer(
                JourneyStage.TEST_DRIVE,
                scores(Parameter.SPEED, 2, Parameter.RECOMMEND, 8, Parameter.COMMUNICATION, 4))
            .build();
    IndexFigures f = calculator.figures(t);

    // SPEED: mean (100+50+25)/3 = 58.333; sample sd: squares 10000+2500+625 = 13125,
    // (13125 - 175^2/3) / 2 = (13125 - 10208.333)/2 = 1458.333 -> sd 38.188
    assertThat(f.parameter(Parameter.SPEED).mean()).isCloseTo(58.333, within(0.001));
    assertThat(f.parameter(Parameter.SPEED).sd()).isCloseTo(38.188, within(0.001));
    // RECOMMEND mean (100+60+80)/3 = 80; COMMUNICATION 75 with one answer, no sd.
    assertThat(f.parameter(Parameter.RECOMMEND).mean()).isCloseTo(80.0, within(1e-9));
    assertThat(f.parameter(Parameter.COMMUNICATION).answers()).isEqualTo(1);
    assertThat(f.parameter(Parameter.COMMUNICATION).sd()).isNull();
    assertThat(f.parameter(Parameter.CAR).mean()).isNull();
    // CSI with equal weights over the rated parameters: (58.333 + 80 + 75) / 3 = 71.111
    assertThat(f.csi()).isCloseTo(71.111, within(0.001));
    // NPS: 1 promoter, 1 passive, 1 detractor of 3 -> 0; p = d = 1/3:
    // margin = 100 * 1.96 * sqrt((2/3 - 0) / 3) = 196 * 0.471405 = 92.395
    assertThat(f.nps().promoters()).isEqualTo(1);
    assertThat(f.nps().passives()).isEqualTo(1);
    assertThat(f.nps().detractors()).isEqualTo(1);
    assertThat(f.nps().score()).isCloseTo(0.0, within(1e-9));
    // Adjusted Wald: P + ¾ = 1.75 and D + ¾ = 1.75 of n + 3 = 6 → 196·√((7/12)/6) = 61.11.
    assertThat(f.nps().marginOfError()).isCloseTo(61.113, within(0.001));
    assertThat(f.nps().low()).isCloseTo(-61.113, within(0.001));
    assertThat(f.nps().high()).isCloseTo(61.113, within(0.001));
    assertThat(f.responses()).isEqualTo(3);
    assertThat(f.lowSample()).isTrue();
    assertThat(f.stageResponses()).containsEntry(JourneyStage.HANDOVER, 2L);
  }

  @Test
  void weightsChangeTheCsi() {
    Map<Parameter, Double> w = new EnumMap<>(Parameter.class);
    w.put(Parameter.SPEED, 3.0);
    w.put(Parameter.RECOMMEND, 1.0);
    IndexCalculator weighted = new IndexCalculator(new IndexSettings(w, 30));
    Tally t =
        Tally.ofAnswer(
            JourneyStage.HANDOVER,
            scores(Parameter.SPEED, 1, Parameter.RECOMMEND, 10, Parameter.CAR, 5));
    // (3*0 + 1*100) / 4 = 25; CAR weighs 0 and is ignored.
    assertThat(weighted.figures(t).csi()).isCloseTo(25.0, within(1e-9));
  }

  @Test
  void emptyTallyHasNoScoresButIsFlagged() {
    IndexFigures f = calculator.figures(Tally.empty());
    assertThat(f.csi()).isNull();
    assertThat(f.nps().score()).isNull();
    assertThat(f.lowSample()).isTrue();
    assertThat(f.perfectShare()).isNull();
  }

  @Test
  void countsPerfectAndStraightLinedAnswers() {
    Tally t =
        Tally.builder()
            .addAnswer(JourneyStage.HANDOVER, scores(Parameter.SPEED, 5, Parameter.RECOMMEND, 10))
            .addAnswer(
                JourneyStage.HANDOVER,
                scores(
                    Parameter.SPEED,
                    3,
                    Parameter.CAR,
                    3,
                    Parameter.VISIT,
                    3,
                    Parameter.RECOMMEND,
                    2))
            .addAnswer(JourneyStage.HANDOVER, scores(Parameter.RECOMMEND, 10))
            .build();
    // Only the first is perfect (a lone RECOMMEND 10 rates too little to call); the second is
    // straight-lined (three 1-5 ratings all 3).
    assertThat(t.perfect()).isEqualTo(1);
    assertThat(t.straightLined()).isEqualTo(1);
  }

  @Test
  void npsOfOnlyPromotersIsHundredButFarFromCertainWithTwoAnswers() {
    Tally t =
        Tally.builder()
            .addAnswer(JourneyStage.HANDOVER, scores(Parameter.RECOMMEND, 9))
            .addAnswer(JourneyStage.HANDOVER, scores(Parameter.RECOMMEND, 10))
            .build();
    NetPromoterScore nps = IndexCalculator.nps(t);
    assertThat(nps.score()).isEqualTo(100.0);
    // Plain Wald said ±0 here. Adjusted: P' = 2.75/5, D' = 0.75/5 → centre 40, margin 64.4.
    assertThat(nps.marginOfError()).isCloseTo(64.41, within(0.01));
    assertThat(nps.low()).isCloseTo(-24.41, within(0.01));
    assertThat(nps.high()).isEqualTo(100.0);
  }
}
