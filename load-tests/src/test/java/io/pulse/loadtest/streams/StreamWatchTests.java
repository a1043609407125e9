package io.pulse.loadtest.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class StreamWatchTests {

  private static final String T0 = "2026-11-23T10:00:00Z";
  private static final long MS0 = Instant.parse(T0).toEpochMilli();

  /** An index message as Gatling renders an SSE event. */
  private static String message(String event, int version, String sentAt, String acceptedAt) {
    return "{\"event\":\""
        + event
        + "\",\"id\":\""
        + version
        + "\",\"data\":{\"version\":"
        + version
        + ",\"sentAt\":\""
        + sentAt
        + "\",\"index\":{\"scope\":{\"kind\":\"dealer\",\"id\":\"D00001\"},\"window\":\"24h\","
        + "\"computedAt\":\""
        + sentAt
        + "\",\"lastEventAcceptedAt\":\""
        + acceptedAt
        + "\",\"responses\":57}},\"retry\":3000}";
  }

  @Test
  void anUpdateWithANewerEventIsASample() {
    StreamWatch watch = new StreamWatch(T0);

    watch.absorb(
        MS0 + 1_250, message("update", 2, "2026-11-23T10:00:01.100Z", "2026-11-23T10:00:01Z"));

    assertThat(watch.drain())
        .containsExactly(new StreamWatch.Sample(MS0 + 1_000, MS0 + 1_100, MS0 + 1_250));
    assertThat(watch.drain()).isEmpty();
    assertThat(watch.updates()).isEqualTo(1);
    assertThat(watch.stale()).isZero();
  }

  @Test
  void anUpdateWithoutANewerEventIsStaleNotASample() {
    StreamWatch watch = new StreamWatch(T0);

    // The window slid: figures changed, but the newest event is the snapshot's.
    watch.absorb(MS0 + 60_000, message("update", 2, "2026-11-23T10:01:00Z", T0));
    watch.absorb(
        MS0 + 61_000, message("update", 3, "2026-11-23T10:01:01Z", "2026-11-23T09:59:00Z"));

    assertThat(watch.drain()).isEmpty();
    assertThat(watch.stale()).isEqualTo(2);
  }

  @Test
  void aStreamWithoutEventsStartsFromNothing() {
    StreamWatch watch = new StreamWatch(null);

    watch.absorb(MS0 + 300, message("update", 2, "2026-11-23T10:00:00.200Z", T0));

    assertThat(watch.drain()).hasSize(1);
  }

  @Test
  void aSecondSnapshotMeansTheStreamWasReopened() {
    StreamWatch watch = new StreamWatch(T0);

    watch.absorb(
        MS0 + 5_000, message("snapshot", 1, "2026-11-23T10:00:05Z", "2026-11-23T10:00:04Z"));

    assertThat(watch.reconnects()).isEqualTo(1);
    assertThat(watch.drain()).isEmpty();
    // The reopened stream's snapshot moved the mark: an update of the same event is stale.
    watch.absorb(
        MS0 + 5_500, message("update", 2, "2026-11-23T10:00:05.4Z", "2026-11-23T10:00:04Z"));
    assertThat(watch.stale()).isEqualTo(1);
  }

  @Test
  void messagesWithoutTimesAreIgnored() {
    StreamWatch watch = new StreamWatch(T0);

    watch.absorb(MS0, "{\"event\":\"update\",\"data\":\"not json\"}");
    watch.absorb(MS0, "{\"event\":\"feed\",\"data\":{}}");

    assertThat(watch.drain()).isEmpty();
    assertThat(watch.updates()).isEqualTo(1);
    assertThat(watch.stale()).isEqualTo(1);
  }
}
