package io.pulse.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatling.javaapi.core.Assertion;
import io.pulse.loadtest.config.LoadConfig;
import io.pulse.loadtest.config.LoadConfig.Defaults;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class RunAssertionsTests {

  private static LoadConfig config(String... pairs) {
    Properties props = new Properties();
    for (int i = 0; i < pairs.length; i += 2) {
      props.setProperty(pairs[i], pairs[i + 1]);
    }
    return LoadConfig.from(
        props,
        profile -> new Defaults(10, 0, 0, 10, Duration.ofSeconds(5), Duration.ofSeconds(20)));
  }

  /** Gatling's own model of each assertion, which is what it checks the run against. */
  private static List<String> described(List<Assertion> assertions) {
    return assertions.stream().map(a -> a.asScala().toString()).toList();
  }

  @Test
  void withoutFeedbackNoLatencyIsAsserted() {
    assertThat(RunAssertions.feedbackLatency(config(), SoakSimulation.FIRST_THIRD)).isEmpty();
  }

  @Test
  void withFeedbackEveryEventToScreenSeriesAndTheIngestRequestsHaveTheirBounds() {
    LoadConfig config =
        config(
            "pulse.rate", "100",
            "pulse.batch", "20",
            "pulse.p99.eventToScreenMs", "700",
            "pulse.p99.requestMs", "900");

    assertThat(
            described(
                RunAssertions.feedbackLatency(
                    config, SoakSimulation.FIRST_THIRD, SoakSimulation.LAST_THIRD)))
        .containsExactly(
            p99("event-to-screen", 700),
            p99("event-to-screen (first third)", 700),
            p99("event-to-screen (last third)", 700),
            p99("POST /feedback/batch (20 events)", 900));
  }

  @Test
  void singleEventsAreTheIngestRequestsOfBatchesOfOne() {
    LoadConfig config = config("pulse.rate", "100", "pulse.batch", "1");

    assertThat(described(RunAssertions.feedbackLatency(config)))
        .containsExactly(p99("event-to-screen", 1000), p99("POST /feedback", 1000));
  }

  @Test
  void cabinetsMustAllOpenAndHoldTheirStreams() {
    assertThat(described(RunAssertions.cabinetsHeld(250)))
        .containsExactly(
            "Assertion(Details(List(GET /stream/dealers/{id})),Count(SuccessfulRequests),Is(250.0))",
            "Assertion(Details(List(stream held to the end)),Count(SuccessfulRequests),Is(250.0))");
  }

  private static String p99(String request, long boundMs) {
    return "Assertion(Details(List("
        + request
        + ")),Time(ResponseTime,Percentile(99.0)),Lt("
        + boundMs
        + ".0))";
  }
}
