package io.pulse.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulse.api.History;
import io.pulse.support.Events;
import io.pulse.support.IntegrationTest;
import io.pulse.support.MutableClock;
import io.pulse.support.TestNetwork;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The history endpoints against hand-computed answers: local days, sums over dealers, weeks,
 * periods with a significant change, and bad parameters.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HistoryIntegrationTests {

  @Autowired WebTestClient client;
  @Autowired MutableClock clock;

  private final String tag = UUID.randomUUID().toString().substring(0, 8);
  private final String brand = "HB" + tag;
  private final String other = "HO" + tag;
  private final String region1 = "HR1" + tag;
  private final String region2 = "HR2" + tag;
  private final String vladivostok = "HV" + tag;
  private final String moscow = "HM" + tag;
  private final String elsewhere = "HE" + tag;
  private final String steady = "HS" + tag;

  /** Once for the class: the network figures below are exact sums of these events only. */
  @BeforeAll
  void network() {
    // 10:00 UTC: 13:00 in Moscow, 20:00 in Vladivostok, both on 7 December.
    clock.set(Instant.parse("2026-12-07T10:00:00Z"));
    TestNetwork.load(
        client,
        """
        {"brands":[{"id":"%1$s","name":"History brand"},{"id":"%2$s","name":"Other"}],
         "regions":[{"id":"%3$s","name":"East"},{"id":"%4$s","name":"West"}],
         "dealers":[
          {"id":"%5$s","name":"Far","brandId":"%1$s","regionId":"%3$s","timeZone":"Asia/Vladivostok"},
          {"id":"%6$s","name":"Near","brandId":"%1$s","regionId":"%3$s","timeZone":"Europe/Moscow"},
          {"id":"%7$s","name":"West","brandId":"%1$s","regionId":"%4$s","timeZone":"Europe/Moscow"},
          {"id":"%8$s","name":"Steady","brandId":"%2$s","regionId":"%4$s","timeZone":"Europe/Moscow"}]}
        """
            .formatted(brand, other, region1, region2, vladivostok, moscow, elsewhere, steady));
    List<String> events = new ArrayList<>();
    // 15:00 UTC on 6 December is 01:00 on the 7th in Vladivostok; 13:00 UTC is 23:00 on the 6th.
    events.add(event(vladivostok, "2026-12-06T15:00:00Z", Map.of("SPEED", 5, "RECOMMEND", 10)));
    events.add(event(vladivostok, "2026-12-06T13:00:00Z", Map.of("SPEED", 3, "RECOMMEND", 6)));
    // 22:00 UTC on the 6th is 01:00 on the 7th in Moscow.
    events.add(event(moscow, "2026-12-06T22:00:00Z", Map.of("SPEED", 4)));
    events.add(event(elsewhere, "2026-11-15T10:00:00Z", Map.of("SPEED", 2, "RECOMMEND", 9)));
    // Steady: 12 poor answers in November, 12 good ones in December.
    for (int i = 0; i < 12; i++) {
      events.add(
          event(
              steady,
              "2026-11-%02dT10:00:00Z".formatted(3 + i),
              Map.of("SPEED", 1 + i % 2, "RECOMMEND", i % 2)));
      events.add(
          event(
              steady,
              "2026-12-0%dT0%d:00:00Z".formatted(1 + i / 2, 8 + i % 2),
              Map.of("SPEED", 4 + i % 2, "RECOMMEND", 9 + i % 2)));
    }
    Events.postNew(client, events);
  }

  private static String event(String dealer, String at, Map<String, Integer> scores) {
    return Events.event(UUID.randomUUID(), dealer, Instant.parse(at), scores);
  }

  private History.Series series(String path) {
    return client
        .get()
        .uri(path)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(History.Series.class)
        .returnResult()
        .getResponseBody();
  }

  @Test
  void aDealersDaysAreItsLocalDays() {
    History.Series s =
        series("/api/v1/dealers/" + vladivostok + "/history?from=2026-12-05&to=2026-12-07");
    assertThat(s.points())
        .extracting(History.Point::start)
        .extracting(Object::toString)
        .containsExactly("2026-12-05", "2026-12-06", "2026-12-07");
    History.Figures empty = s.points().get(0).figures();
    assertThat(empty.responses()).isZero();
    assertThat(empty.csi()).isNull();
    // 6th: SPEED 3 → 50, RECOMMEND 6 → 60: CSI 55; one detractor: NPS −100.
    History.Figures sixth = s.points().get(1).figures();
    assertThat(sixth.responses()).isEqualTo(1);
    assertThat(sixth.csi()).isEqualTo(55.0);
    assertThat(sixth.nps()).isEqualTo(-100.0);
    // 7th: SPEED 5 → 100, RECOMMEND 10 → 100: CSI 100, NPS 100 (margin never 0: adjusted Wald).
    History.Figures seventh = s.points().get(2).figures();
    assertThat(seventh.csi()).isEqualTo(100.0);
    assertThat(seventh.nps()).isEqualTo(100.0);
    assertThat(seventh.npsMargin()).isPositive();
  }

  @Test
  void aBrandSumsItsDealersDaysAndWeeksSumDays() {
    History.Series days =
        series("/api/v1/brands/" + brand + "/history?from=2026-12-06&to=2026-12-07");
    // 6th: Far's 23:00 answer. 7th: Far (SPEED 100, RECOMMEND 100) and Near (SPEED 75):
    // SPEED 87.5, RECOMMEND 100 → CSI 93.75.
    assertThat(days.points().get(0).figures().responses()).isEqualTo(1);
    assertThat(days.points().get(1).figures().responses()).isEqualTo(2);
    assertThat(days.points().get(1).figures().csi()).isEqualTo(93.75);

    History.Series weeks =
        series(
            "/api/v1/brands/" + brand + "/history?granularity=week&from=2026-11-15&to=2026-12-07");
    // Widened to whole ISO weeks: Monday 9 November to Sunday 13 December.
    assertThat(weeks.from()).hasToString("2026-11-09");
    assertThat(weeks.to()).hasToString("2026-12-13");
    assertThat(weeks.points())
        .extracting(p -> p.start() + "=" + p.figures().responses())
        .containsExactly(
            "2026-11-09=1", "2026-11-16=0", "2026-11-23=0", "2026-11-30=1", "2026-12-07=2");

    History.Series west =
        series(
            "/api/v1/brands/"
                + brand
                + "/regions/"
                + region2
                + "/history?from=2026-11-15&to=2026-11-15");
    // SPEED 2 → 25, RECOMMEND 9 → 90: CSI 57.5.
    assertThat(west.points().getFirst().figures().csi()).isEqualTo(57.5);
    History.Series east =
        series("/api/v1/regions/" + region1 + "/history?from=2026-12-06&to=2026-12-07");
    assertThat(east.points()).extracting(p -> p.figures().responses()).containsExactly(1L, 2L);
    // The network holds other test classes' dealers too (a shared context): at least these.
    History.Series network = series("/api/v1/network/history?from=2026-12-01&to=2026-12-07");
    assertThat(network.points().stream().mapToLong(p -> p.figures().responses()).sum())
        .isGreaterThanOrEqualTo(3 + 12);
  }

  @Test
  void periodsCompareWithThePreviousPeriodAndSaySoWhenSignificant() {
    History.Periods periods =
        client
            .get()
            .uri("/api/v1/dealers/" + steady + "/periods")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(History.Periods.class)
            .returnResult()
            .getResponseBody();
    assertThat(periods.today()).hasToString("2026-12-07");
    History.Period month = periods.periods().getFirst();
    assertThat(month.name()).isEqualTo("THIS_MONTH");
    // December: SPEED 6×75 + 6×100 → 87.5, RECOMMEND 6×90 + 6×100 → 95: CSI 91.25.
    // November: SPEED 6×0 + 6×25 → 12.5, RECOMMEND 6×0 + 6×10 → 5: CSI 8.75. Change 82.5,
    // far beyond 1.96 standard errors of the difference (each period's se is under 4).
    assertThat(month.figures().csi()).isEqualTo(91.25);
    assertThat(month.previous().csi()).isEqualTo(8.75);
    assertThat(month.csiChange()).isEqualTo(82.5);
    assertThat(month.csiSignificant()).isTrue();
    // NPS 100 (12 promoters) against −100 (12 detractors).
    assertThat(month.npsChange()).isEqualTo(200.0);
    assertThat(month.npsSignificant()).isTrue();
    // November against an empty October: no CSI to compare.
    History.Period last = periods.periods().get(1);
    assertThat(last.name()).isEqualTo("LAST_MONTH");
    assertThat(last.figures().responses()).isEqualTo(12);
    assertThat(last.previous().responses()).isZero();
    assertThat(last.csiChange()).isNull();
    assertThat(last.csiSignificant()).isNull();
    // Last year's January is past the 13 months kept: no previous year to date.
    History.Period year = periods.periods().get(3);
    assertThat(year.name()).isEqualTo("YEAR_TO_DATE");
    assertThat(year.figures().responses()).isEqualTo(24);
    assertThat(year.previous()).isNull();
  }

  private void badRequest(String query, String... fields) {
    client
        .get()
        .uri("/api/v1/dealers/" + moscow + "/history" + query)
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody()
        .jsonPath("$.type")
        .isEqualTo("/problems/invalid-input")
        .jsonPath("$.errors[*].field")
        .isEqualTo(List.of(fields));
  }

  @Test
  void badParametersAreNamed() {
    badRequest("?granularity=month", "granularity");
    badRequest("?from=2026-13-01", "from");
    badRequest("?from=yesterday&to=today", "to", "from");
    badRequest("?from=2026-12-08&to=2026-12-07", "from");
    // 13 months at most.
    badRequest("?from=2025-11-06&to=2026-12-07", "from");
    client
        .get()
        .uri("/api/v1/dealers/" + moscow + "/history?from=2025-11-07&to=2026-12-07")
        .exchange()
        .expectStatus()
        .isOk();
  }
}
