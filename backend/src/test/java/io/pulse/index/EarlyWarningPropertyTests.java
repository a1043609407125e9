package io.pulse.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulse.api.Parameter;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** What holds for the early-warning tests whatever the answers. */
class EarlyWarningPropertyTests {

  private final EarlyWarning tests =
      new EarlyWarning(
          new EarlyWarningSettings(5, 50, 10, 3, 0.5, 3, 4, 3, 0.05, 2), IndexSettings.defaults());

  @Provide
  Arbitrary<List<Map<Parameter, Integer>>> answers() {
    Arbitrary<Map<Parameter, Integer>> one =
        Arbitraries.subsetOf(Parameter.values())
            .ofMinSize(1)
            .flatMap(ps -> {
              List<Parameter> list = List.copyOf(ps);
              return Arbitraries.integers()
                  .between(0, 10)
                  .list()
                  .ofSize(list.size())
                  .map(vs -> {
                    Map<Parameter, Integer> m = new EnumMap<>(Parameter.class);
                    for (int i = 0; i < list.size(); i++) {
                      Parameter p = list.get(i);
                      m.put(p, Math.max(p.min(), Math.min(p.max(), vs.get(i))));
                    }
                    return m;
                  });
            });
    return one.list().ofMinSize(1).ofMaxSize(300);
  }

  @Property(tries = 300)
  void statisticsStayNonNegativeAndEveryAlarmStartsAfresh(
      @ForAll("answers") List<Map<Parameter, Integer>> answers) {
    DealerWatch w = DealerWatch.fresh();
    for (Map<Parameter, Integer> a : answers) {
      EarlyWarning.Step step = tests.advance(w, a);
      w = step.watch();
      // Past h (3) it alarms and starts afresh.
      assertThat(w.csiRun().statistic()).isBetween(0.0, 3.0);
      assertThat(w.detractorRun().statistic()).isGreaterThanOrEqualTo(0);
      w.parameterRuns().values().forEach(r -> assertThat(r.statistic()).isGreaterThanOrEqualTo(0));
      for (WarningDetection d : step.detections()) {
        assertThat(d.answers()).isPositive();
        // A fall is a fall: the run's mean is below where it began.
        if (d.kind() == WarningDetection.Kind.DETRACTORS_RISE) {
          assertThat(d.to()).isBetween(0.0, 1.0).isGreaterThan(d.from());
        } else {
          assertThat(d.to()).isBetween(0.0, 100.0).isLessThan(d.from());
        }
        switch (d.kind()) {
          case INDEX_DROP -> assertThat(w.csiRun().statistic()).isZero();
          case DETRACTORS_RISE -> assertThat(w.detractorRun().statistic()).isZero();
          case WEAK_POINT -> assertThat(w.parameterRun(d.parameter()).statistic()).isZero();
        }
        assertThat(d.english()).isNotBlank();
        assertThat(d.russian()).isNotBlank();
      }
    }
  }
}
