package io.pulse.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulse.api.JourneyStage;
import io.pulse.api.Parameter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Properties of tallies and the figures computed from them. */
class TallyPropertyTests {

  private final IndexCalculator calculator = new IndexCalculator(IndexSettings.defaults());

  @Provide
  Arbitrary<Map<Parameter, Integer>> answers() {
    return Arbitraries.subsetOf(Parameter.values())
        .ofMinSize(1)
        .flatMap(params -> {
          List<Arbitrary<Map.Entry<Parameter, Integer>>> entries =
              params.stream()
                  .map(p ->
                      Arbitraries.integers().between(p.min(), p.max()).map(v -> Map.entry(p, v)))
                  .toList();
          return Combinators.combine(entries)
              .as(list -> {
                Map<Parameter, Integer> m = new EnumMap<>(Parameter.class);
                list.forEach(e -> m.put(e.getKey(), e.getValue()));
                return m;
              });
        });
  }

  @Provide
  Arbitrary<Tally> tallies() {
    return Combinators.combine(
            Arbitraries.of(JourneyStage.values()).list().ofMaxSize(12),
            answers().list().ofMinSize(12).ofMaxSize(12))
        .as((stages, answers) -> {
          Tally.Builder b = Tally.builder();
          for (int i = 0; i < stages.size(); i++) {
            b.addAnswer(stages.get(i), answers.get(i));
          }
          return b.build();
        });
  }

  @Property(tries = 200)
  void csiIsBetweenZeroAndHundred(@ForAll("tallies") Tally t) {
    Double csi = calculator.figures(t).csi();
    if (t.responses() == 0) {
      assertThat(csi).isNull();
    } else {
      assertThat(csi).isNotNull().isBetween(0.0, 100.0);
    }
  }

  @Property(tries = 200)
  void npsIsBetweenMinusAndPlusHundred(@ForAll("tallies") Tally t) {
    NetPromoterScore nps = IndexCalculator.nps(t);
    if (nps.answers() > 0) {
      assertThat(nps.score()).isBetween(-100.0, 100.0);
      // Never ±0, however lopsided the answers: there is always some doubt.
      assertThat(nps.marginOfError()).isGreaterThan(0.0);
      assertThat(nps.low()).isBetween(-100.0, 100.0).isLessThan(nps.high());
      assertThat(nps.high()).isBetween(-100.0, 100.0);
      assertThat(nps.promoters() + nps.passives() + nps.detractors()).isEqualTo(nps.answers());
    }
  }

  @Property(tries = 200)
  void mergingIsAssociativeAndCommutative(
      @ForAll("tallies") Tally a, @ForAll("tallies") Tally b, @ForAll("tallies") Tally c) {
    assertThat(a.plus(b)).isEqualTo(b.plus(a));
    assertThat(a.plus(b).plus(c)).isEqualTo(a.plus(b.plus(c)));
    assertThat(a.plus(Tally.empty())).isEqualTo(a);
  }

  @Property(tries = 200)
  void addingThenExpiringAnAnswerRestoresTheTally(
      @ForAll("tallies") Tally t,
      @ForAll("answers") Map<Parameter, Integer> answer,
      @ForAll JourneyStage stage) {
    Tally one = Tally.ofAnswer(stage, answer);
    assertThat(t.plus(one).minus(one)).isEqualTo(t);
    assertThat(t.plus(one).responses()).isEqualTo(t.responses() + 1);
  }

  @Property(tries = 200)
  void sumsFollowFromTheHistogram(@ForAll("answers") Map<Parameter, Integer> answer) {
    Tally t = Tally.ofAnswer(JourneyStage.CONTRACT, answer);
    for (Parameter p : Parameter.values()) {
      Integer v = answer.get(p);
      long s = v == null ? 0 : p.normalise(v);
      assertThat(t.sum(p)).isEqualTo(s);
      assertThat(t.sumOfSquares(p)).isEqualTo(s * s);
    }
  }

  @Property(tries = 200)
  void shrunkCsiLiesBetweenRawCsiAndRegionMean(
      @ForAll("tallies") Tally a,
      @ForAll("tallies") Tally b,
      @ForAll("tallies") Tally c,
      @ForAll @net.jqwik.api.constraints.DoubleRange(min = 1, max = 200) double k) {
    List<DealerStanding> dealers = new ArrayList<>();
    int i = 0;
    for (Tally t : List.of(a, b, c)) {
      dealers.add(new DealerStanding("d" + i++, calculator.figures(t).csi(), t.responses(), null));
    }
    FairRanking.Result r = FairRanking.rank(dealers, k);
    for (FairRanking.Ranked d : r.dealers()) {
      if (d.shrunkCsi() != null) {
        double lo = Math.min(d.dealer().csi(), r.regionMean());
        double hi = Math.max(d.dealer().csi(), r.regionMean());
        assertThat(d.shrunkCsi()).isBetween(lo - 1e-9, hi + 1e-9);
      }
    }
  }
}
