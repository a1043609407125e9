package io.pulse.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pulse.api.LiveStatus;
import io.pulse.figures.LiveFigures;
import io.pulse.stream.FeedStreams.FeedFrame;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.NettyDataBuffer;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;
import tools.jackson.databind.json.JsonMapper;

/**
 * One stream as its response sees it, in virtual time: a snapshot of its own, then update frames
 * shared with every subscriber of the scope, heartbeats from the one wheel when it is quiet, the
 * latest update only for a client that does not read, and the cut-off after the bound.
 */
class SseConnectionTests {

  private static final Duration HEARTBEAT = Duration.ofSeconds(15);
  private static final Duration SLOW = Duration.ofSeconds(30);
  private static final Instant NOW = Instant.parse("2026-11-23T10:00:30Z");

  private final VirtualTimeScheduler time = VirtualTimeScheduler.create();
  private final Sinks.Many<LiveStatus> statuses = Sinks.many().replay().latest();
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final StreamProperties properties = StreamFixtures.properties(HEARTBEAT, SLOW);
  private final StreamFrames frames =
      new StreamFrames(JsonMapper.builder().build(), Clock.fixed(NOW, ZoneOffset.UTC), properties);
  private final StreamConnections connections =
      new StreamConnections(
          statuses.asFlux(),
          frames,
          properties,
          meters,
          time,
          () -> time.now(TimeUnit.NANOSECONDS));
  private final AtomicLong responses = new AtomicLong();
  private final AtomicInteger released = new AtomicInteger();
  private final IndexUpstream upstream =
      new IndexUpstream(
          initial -> Mono.fromSupplier(this::figures),
          frames::update,
          time,
          () -> time.now(TimeUnit.NANOSECONDS),
          properties.minInterval(),
          properties.idleUpstreamGrace(),
          u -> {});

  private LiveFigures figures() {
    return StreamFixtures.figures(responses.get(), NOW);
  }

  @BeforeEach
  void start() {
    statuses.tryEmitNext(LiveStatus.live(NOW));
    connections.start();
    upstream.start();
  }

  private Flux<DataBuffer> raw() {
    return connections.index(
        w -> {
          upstream.join(w);
          return upstream;
        },
        released::incrementAndGet);
  }

  private Flux<String> stream() {
    return raw().map(b -> b.toString(StandardCharsets.UTF_8));
  }

  private void change() {
    responses.incrementAndGet();
    upstream.changed();
  }

  private double slowDrops() {
    return meters.counter("pulse.stream.slow.disconnects").count();
  }

  private static byte[] bytes(DataBuffer b) {
    return ((NettyDataBuffer) b).getNativeBuffer().array();
  }

  @Test
  void theFirstEventIsASnapshotWithTheConnectionsRetryThenUpdates() {
    StepVerifier.withVirtualTime(this::stream, () -> time, Long.MAX_VALUE)
        .assertNext(f ->
            assertThat(f)
                .startsWith("id:1\nevent:snapshot\nretry:")
                .contains("\"responses\":0")
                .endsWith("}\n\n"))
        .then(this::change)
        .assertNext(f ->
            assertThat(f)
                .startsWith("id:2\nevent:update\ndata:{\"version\":2,")
                .contains("\"responses\":1"))
        .thenCancel()
        .verify(Duration.ofSeconds(5));
    // Cancelled: its cap slot given back once, its upstream and the wheel let go of it.
    assertThat(released).hasValue(1);
    assertThat(upstream.watchers()).isZero();
    assertThat(connections.open()).isZero();
  }

  @Test
  void everySubscriberOfAScopeIsWrittenTheSameBytes() {
    List<DataBuffer> first = new ArrayList<>();
    List<DataBuffer> second = new ArrayList<>();
    Disposable a = raw().subscribe(first::add);
    Disposable b = raw().subscribe(second::add);
    change();
    time.advanceTime();
    assertThat(first).hasSize(2);
    assertThat(second).hasSize(2);
    // Each snapshot is the connection's own (its retry); the update is encoded once.
    assertThat(bytes(first.get(0))).isNotSameAs(bytes(second.get(0)));
    assertThat(bytes(first.get(1))).isSameAs(bytes(second.get(1)));
    a.dispose();
    b.dispose();
    assertThat(released).hasValue(2);
  }

  @Test
  void aQuietStreamGetsAHeartbeatAndABusyOneDoesNot() {
    StepVerifier.withVirtualTime(this::stream, () -> time, Long.MAX_VALUE)
        .assertNext(f -> assertThat(f).contains("event:snapshot"))
        // Busy: an update every 10 s, so nothing else is due.
        .thenAwait(Duration.ofSeconds(10))
        .then(this::change)
        .assertNext(f -> assertThat(f).contains("event:update"))
        .thenAwait(Duration.ofSeconds(10))
        .then(this::change)
        .assertNext(f -> assertThat(f).contains("event:update"))
        // Quiet: a heartbeat 15 s after the last write, give or take one turn of the wheel.
        .expectNoEvent(HEARTBEAT.minusMillis(1))
        .thenAwait(HEARTBEAT.dividedBy(8))
        .expectNext(":heartbeat\n\n")
        .thenCancel()
        .verify(Duration.ofSeconds(5));
  }

  @Test
  void aLateReaderGetsTheNewestVersionNotTheBacklog() {
    Disposable producing = Flux.interval(Duration.ofMillis(100), time).subscribe(i -> change());
    StepVerifier.withVirtualTime(this::stream, () -> time, 1)
        .assertNext(f -> assertThat(f).contains("event:snapshot"))
        .thenAwait(Duration.ofSeconds(10))
        .thenRequest(1)
        .assertNext(f -> {
          // The newest version read (reads lag changes by at most an interval), not the first.
          assertThat(f).contains("event:update");
          assertThat(responsesIn(f)).isBetween(responses.get() - 3, responses.get());
        })
        .thenCancel()
        .verify(Duration.ofSeconds(5));
    producing.dispose();
    assertThat(slowDrops()).isZero();
  }

  @Test
  void aReaderThatStopsIsCutOffAfterTheBound() {
    Disposable producing = Flux.interval(Duration.ofMillis(100), time).subscribe(i -> change());
    StepVerifier.withVirtualTime(this::stream, () -> time, 1)
        .assertNext(f -> assertThat(f).contains("event:snapshot"))
        .thenAwait(SLOW.minusSeconds(1))
        .then(() -> assertThat(slowDrops()).isZero())
        // Checked every turn of the wheel (an eighth of the heartbeat): cut off soon after.
        .thenAwait(Duration.ofSeconds(4))
        .expectError(SseConnection.SlowSubscriberException.class)
        .verify(Duration.ofSeconds(5));
    producing.dispose();
    assertThat(slowDrops()).isEqualTo(1);
    assertThat(released).hasValue(1);
    assertThat(upstream.watchers()).isZero();
  }

  @Test
  void aReaderThatKeepsUpIsNeverCutOff() {
    Disposable producing = Flux.interval(Duration.ofMillis(100), time).subscribe(i -> change());
    List<String> received = new ArrayList<>();
    Disposable reading = stream().subscribe(received::add);
    time.advanceTimeBy(Duration.ofMinutes(2));
    producing.dispose();
    time.advanceTimeBy(Duration.ofSeconds(1));
    reading.dispose();
    // At most 4 updates a second, each the newest.
    assertThat(received).hasSizeBetween(400, 482);
    assertThat(received.getLast()).contains("\"responses\":" + responses.get());
    assertThat(slowDrops()).isZero();
  }

  @Test
  void aStreamOpenedWhilePausedIsToldAtOnceAndHearsTheRecovery() {
    statuses.tryEmitNext(LiveStatus.paused("Live updates paused: test", NOW));
    StepVerifier.withVirtualTime(this::stream, () -> time, Long.MAX_VALUE)
        .assertNext(
            f -> assertThat(f).startsWith("event:status\nretry:").contains("\"live\":false"))
        .assertNext(f -> assertThat(f).contains("event:snapshot"))
        .then(() -> statuses.tryEmitNext(LiveStatus.live(NOW)))
        .assertNext(f -> assertThat(f).startsWith("event:status\ndata:").contains("\"live\":true"))
        .thenCancel()
        .verify(Duration.ofSeconds(5));
  }

  @Test
  void aFeedClientLettingTooManyItemsWaitIsCutOff() {
    Sinks.Many<FeedFrame> items = Sinks.many().multicast().directBestEffort();
    StepVerifier.withVirtualTime(
            () -> connections.feed(items.asFlux(), 3, released::incrementAndGet), () -> time, 1)
        .then(() -> items.tryEmitNext(new FeedFrame("reset", null)))
        .assertNext(b ->
            assertThat(b.toString(StandardCharsets.UTF_8))
                .isEqualTo(
                    "event:reset\nretry:" + retryOf(b) + "\ndata:missed more than 50 items\n\n"))
        .then(() -> {
          for (int i = 0; i < 4; i++) {
            items.tryEmitNext(new FeedFrame("reset", null));
          }
        })
        .expectError(IllegalStateException.class)
        .verify(Duration.ofSeconds(5));
    assertThat(slowDrops()).isEqualTo(1);
    assertThat(released).hasValue(1);
  }

  private static long responsesIn(String frame) {
    int from = frame.indexOf("\"responses\":") + "\"responses\":".length();
    int to = from;
    while (Character.isDigit(frame.charAt(to))) {
      to++;
    }
    return Long.parseLong(frame.substring(from, to));
  }

  private static String retryOf(DataBuffer b) {
    String s = b.toString(StandardCharsets.UTF_8);
    int from = s.indexOf("retry:") + "retry:".length();
    return s.substring(from, s.indexOf('\n', from));
  }
}
