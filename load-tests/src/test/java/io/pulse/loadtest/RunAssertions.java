package io.pulse.loadtest;

import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.global;

import io.gatling.javaapi.core.Assertion;
import io.pulse.loadtest.config.LoadConfig;
import io.pulse.loadtest.requests.FeedbackRequests;
import io.pulse.loadtest.streams.StreamRecorder;
import java.util.ArrayList;
import java.util.List;

/** The assertions the simulations judge a run by; latency bounds are {@code pulse.p99.*}. */
final class RunAssertions {

  private RunAssertions() {}

  /** No request of any kind failed. */
  static Assertion noFailedRequest() {
    return global().failedRequests().count().is(0L);
  }

  /** All {@code listeners} streams were held to the end of the run. */
  static Assertion streamsHeld(long listeners) {
    return succeeded(StreamRecorder.STREAM_HELD, listeners);
  }

  /** All {@code cabinets} opened their dealer's stream and held it to the end of the run. */
  static List<Assertion> cabinetsHeld(long cabinets) {
    return List.of(succeeded(Workloads.DEALER_STREAM, cabinets), streamsHeld(cabinets));
  }

  /** The 99th percentile of {@code request}'s response time is below {@code boundMs}. */
  static Assertion p99Below(String request, long boundMs) {
    return details(request).responseTime().percentile(99.0).lt((int) boundMs);
  }

  /**
   * With background feedback ({@code pulse.rate} above 0): event-to-screen and each of {@code
   * eventToScreenSeries} below the event-to-screen bound, the ingest requests below theirs. Without
   * it there is nothing to measure, so none.
   */
  static List<Assertion> feedbackLatency(LoadConfig config, String... eventToScreenSeries) {
    if (config.rate() <= 0) {
      return List.of();
    }
    long eventToScreenMs = config.bounds().eventToScreenMs();
    List<Assertion> assertions = new ArrayList<>();
    assertions.add(p99Below(StreamRecorder.EVENT_TO_SCREEN, eventToScreenMs));
    for (String series : eventToScreenSeries) {
      assertions.add(p99Below(series, eventToScreenMs));
    }
    assertions.add(
        p99Below(FeedbackRequests.postName(config.batch()), config.bounds().requestMs()));
    return assertions;
  }

  private static Assertion succeeded(String request, long count) {
    return details(request).successfulRequests().count().is(count);
  }
}
