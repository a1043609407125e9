package io.pulse.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pulse.system.OverloadedException;
import io.r2dbc.spi.ConnectionFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Admission control: what it lets in, what it refuses and why, and that it adapts. */
class IngestAdmissionTests {

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  private IngestAdmission admission(int maxInFlightEvents, Duration target) {
    return new IngestAdmission(
        IngestLimits.with(maxInFlightEvents, target), mock(ConnectionFactory.class), meters);
  }

  private double shed(String reason) {
    return meters.get("pulse.ingest.shed").tag("reason", reason).counter().count();
  }

  @Test
  void eventsInFlightAreBoundedButALoneRequestOfAnySizeGetsIn() {
    IngestAdmission admission = admission(100, Duration.ofSeconds(10));
    IngestAdmission.Permit first = admission.admit(60);
    assertThatThrownBy(() -> admission.admit(60))
        .isInstanceOf(OverloadedException.class)
        .satisfies(
            e -> assertThat(((OverloadedException) e).reason()).isEqualTo("in-flight-events"))
        .satisfies(
            e -> assertThat(((OverloadedException) e).retryAfterSeconds()).isBetween(1L, 3L));
    assertThat(admission.inFlight()).isEqualTo(60);
    first.succeeded();
    first.succeeded(); // a second end changes nothing
    assertThat(admission.inFlight()).isZero();
    IngestAdmission.Permit bulk = admission.admit(5_000);
    assertThat(admission.inFlight()).isEqualTo(5_000);
    bulk.ignored();
    assertThat(admission.inFlight()).isZero();
    assertThat(shed("in-flight-events")).isEqualTo(1);
  }

  @Test
  void requestsSlowerThanTheTargetShrinkHowManyAreAdmittedAtOnce() {
    // Every request is "slow" against a 1 ns target: each success cuts the limit by a tenth.
    IngestAdmission admission = admission(1_000_000, Duration.ofNanos(1));
    List<IngestAdmission.Permit> held = new ArrayList<>();
    for (int i = 0; i < 32; i++) {
      held.add(admission.admit(10));
    }
    assertThatThrownBy(() -> admission.admit(10))
        .isInstanceOf(OverloadedException.class)
        .satisfies(e -> assertThat(((OverloadedException) e).reason()).isEqualTo("latency"));
    // Twenty finish, slowly: the limit falls to its floor of 4, under the 12 still in flight.
    for (int i = 0; i < 20; i++) {
      held.removeFirst().succeeded();
    }
    assertThat(meters.get("pulse.ingest.concurrency.limit").gauge().value()).isEqualTo(4);
    assertThatThrownBy(() -> admission.admit(10)).isInstanceOf(OverloadedException.class);
    held.forEach(IngestAdmission.Permit::ignored);
    // Nothing in flight: a request always gets in.
    admission.admit(10).succeeded();
    assertThat(shed("latency")).isEqualTo(2);
  }

  @Test
  void fastRequestsLetTheLimitGrowBack() {
    IngestAdmission admission = admission(1_000_000, Duration.ofHours(1));
    List<IngestAdmission.Permit> held = new ArrayList<>();
    for (int i = 0; i < 32; i++) {
      held.add(admission.admit(10));
    }
    // Fast, and the limit in use when they were admitted: one more each time one finishes.
    for (int i = 0; i < 10; i++) {
      held.removeLast().succeeded();
      held.add(admission.admit(10));
      held.add(admission.admit(10));
    }
    assertThat(meters.get("pulse.ingest.concurrency.limit").gauge().value()).isEqualTo(42);
    held.forEach(IngestAdmission.Permit::succeeded);
  }

  @Test
  void bigRequestsWithinTheTargetLetALimitCutDownGrowBack() {
    // Cut down to its floor by slow small requests...
    IngestAdmission slow = admission(1_000_000, Duration.ofNanos(1));
    List<IngestAdmission.Permit> held = new ArrayList<>();
    for (int i = 0; i < 32; i++) {
      held.add(slow.admit(10));
    }
    held.forEach(IngestAdmission.Permit::succeeded);
    assertThat(meters.get("pulse.ingest.concurrency.limit").gauge().value()).isEqualTo(4);
    // ...and big ones slower than the target per 100 events keep it there.
    held.clear();
    for (int i = 0; i < 4; i++) {
      held.add(slow.admit(500));
    }
    held.forEach(IngestAdmission.Permit::succeeded);
    assertThat(meters.get("pulse.ingest.concurrency.limit").gauge().value()).isEqualTo(4);
  }

  @Test
  void bigRequestsFasterThanTheTargetLetTheLimitGrow() {
    IngestAdmission admission = admission(1_000_000, Duration.ofHours(1));
    List<IngestAdmission.Permit> held = new ArrayList<>();
    for (int i = 0; i < 32; i++) {
      held.add(admission.admit(500));
    }
    for (int i = 0; i < 5; i++) {
      held.removeLast().succeeded();
      held.add(admission.admit(500));
      held.add(admission.admit(500));
    }
    assertThat(meters.get("pulse.ingest.concurrency.limit").gauge().value()).isEqualTo(37);
    held.forEach(IngestAdmission.Permit::ignored);
  }
}
