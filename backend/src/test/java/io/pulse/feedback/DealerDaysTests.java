package io.pulse.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulse.api.JourneyStage;
import io.pulse.api.Parameter;
import io.pulse.index.Tally;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DealerDaysTests {

  private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

  @Test
  void aDayIsTheDealersLocalDay() {
    // 15:00 UTC on the 6th is 01:00 on the 7th in Vladivostok (+10), still the 6th in Moscow (+3)
    // and 10:00 on the 6th in New York (−5).
    Instant at = Instant.parse("2026-12-06T15:00:00Z");
    assertThat(DealerDays.day(at, ZoneId.of("Asia/Vladivostok"), NOW)).hasToString("2026-12-07");
    assertThat(DealerDays.day(at, ZoneId.of("Europe/Moscow"), NOW)).hasToString("2026-12-06");
    assertThat(DealerDays.day(at, ZoneId.of("America/New_York"), NOW)).hasToString("2026-12-06");
    // A fixed offset is read the ISO way round (PostgreSQL's AT TIME ZONE '+03:00' would not).
    assertThat(DealerDays.day(Instant.parse("2026-12-06T22:00:00Z"), ZoneOffset.ofHours(3), NOW))
        .hasToString("2026-12-07");
  }

  @Test
  void daysPastTheRetentionAreNotRolledUp() {
    ZoneId utc = ZoneOffset.UTC;
    // Arrived 2026-12-07: 400 days back is 2025-11-02, the oldest day kept.
    assertThat(DealerDays.day(Instant.parse("2025-11-02T00:00:00Z"), utc, NOW))
        .isEqualTo(LocalDate.parse("2025-11-02"));
    assertThat(DealerDays.day(Instant.parse("2025-11-01T23:59:59Z"), utc, NOW)).isNull();
  }

  @Test
  void theCompositeIsTheMeanOfTheRatedNormalisedScores() {
    // SPEED 3 → 50, RECOMMEND 9 → 90, CAR 5 → 100: (50 + 90 + 100) / 3 = 80.
    assertThat(
            DealerDays.composite(
                Map.of(Parameter.SPEED, 3, Parameter.RECOMMEND, 9, Parameter.CAR, 5)))
        .isEqualTo(80.0);
    assertThat(DealerDays.composite(Map.of(Parameter.RECOMMEND, 6))).isEqualTo(60.0);
  }

  @Test
  void aRowOfCountersIsTheTallyItCameFrom() {
    Tally tally =
        Tally.builder()
            .addAnswer(JourneyStage.HANDOVER, Map.of(Parameter.SPEED, 5, Parameter.RECOMMEND, 10))
            .addAnswer(
                JourneyStage.HANDOVER,
                Map.of(Parameter.SPEED, 2, Parameter.VISIT, 2, Parameter.CAR, 2))
            .addAnswer(JourneyStage.TEST_DRIVE, Map.of(Parameter.RECOMMEND, 0))
            .build();
    long[] counters = DealerDays.counters(tally);
    List<String> columns = DealerDays.counters();
    assertThat(counters).hasSize(columns.size());
    Map<String, Long> row = new HashMap<>();
    for (int i = 0; i < counters.length; i++) {
      row.put(columns.get(i), counters[i]);
    }
    // Responses 3, one perfect answer (SPEED 5 + RECOMMEND 10), one straight-lined (three 2s).
    assertThat(row)
        .containsEntry("responses", 3L)
        .containsEntry("perfect", 1L)
        .containsEntry("straight_lined", 1L)
        .containsEntry("speed_5", 1L)
        .containsEntry("speed_2", 1L)
        .containsEntry("recommend_10", 1L)
        .containsEntry("recommend_0", 1L)
        .containsEntry("return_intent_5", 0L);
    // Read back as PostgreSQL returns sums (bigint), the tally is the same but for the stages,
    // which the roll-up does not keep.
    Tally back = DealerDays.tally(readable(row));
    for (Parameter p : Parameter.values()) {
      for (int v = p.min(); v <= p.max(); v++) {
        assertThat(back.count(p, v)).as(p + " " + v).isEqualTo(tally.count(p, v));
      }
    }
    assertThat(back.responses()).isEqualTo(3);
    assertThat(back.perfect()).isEqualTo(1);
    assertThat(back.straightLined()).isEqualTo(1);
  }

  @Test
  void aRowsCompositeSumsBecomeTheTallysCompositesInTenths() {
    // Composites 100, 25 and 0 (the events above): sum 125, squares 10,000 + 625 = 10,625 →
    // 1,250 tenths and 1,062,500 tenths², as Redis counts them.
    Map<String, Long> row = new HashMap<>();
    row.put("responses", 3L);
    Map<String, Double> sums = Map.of("composite_sum", 125.0, "composite_sumsq", 10_625.0);
    Tally back =
        DealerDays.tally(
            new Readable() {
              @Override
              public <T> T get(int index, Class<T> type) {
                throw new UnsupportedOperationException();
              }

              @Override
              public <T> T get(String name, Class<T> type) {
                return type.cast(
                    sums.containsKey(name) ? (Number) sums.get(name) : row.getOrDefault(name, 0L));
              }
            });
    assertThat(back.composites()).isEqualTo(new Tally.Composites(3, 1_250, 1_062_500));
  }

  @Test
  void everySummedColumnHasAnAggregateAndAnUpsertTerm() {
    int columns = DealerDays.summed().size();
    // count(*) FILTER … per counter, two composite sums: one aggregate per column, in order.
    assertThat(DealerDays.fromEvents("f").split("count\\(\\*\\)|coalesce\\(sum"))
        .hasSize(columns + 1);
    assertThat(DealerDays.addExcluded("r").split(", ")).hasSize(columns);
    assertThat(DealerDays.sums("r")).startsWith("sum(r.responses) AS responses, ");
  }

  private static Readable readable(Map<String, Long> row) {
    return new Readable() {
      @Override
      public <T> T get(int index, Class<T> type) {
        throw new UnsupportedOperationException();
      }

      @Override
      public <T> T get(String name, Class<T> type) {
        return type.cast(row.getOrDefault(name, 0L));
      }
    };
  }
}
