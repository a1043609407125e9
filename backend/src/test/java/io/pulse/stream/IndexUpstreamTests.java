package io.pulse.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulse.figures.LiveFigures;
import io.pulse.stream.IndexUpstream.IndexFrame;
import io.pulse.system.NotFoundException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * The shared upstream in virtual time: reads conflated leading and trailing, one at a time, only
 * visible changes sent, a recovery sent as a snapshot, closed after the grace.
 */
class IndexUpstreamTests {

  private static final Duration INTERVAL = Duration.ofMillis(250); // 4 per second
  private static final Duration GRACE = Duration.ofSeconds(5);

  private final VirtualTimeScheduler time = VirtualTimeScheduler.create();
  private final AtomicLong responses = new AtomicLong();
  private final AtomicInteger reads = new AtomicInteger();
  private final List<IndexFrame> seen = new ArrayList<>();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final List<IndexUpstream> closed = new ArrayList<>();

  private final IndexUpstream.Watcher watcher =
      new IndexUpstream.Watcher() {
        @Override
        public void offer(IndexFrame frame) {
          seen.add(frame);
        }

        @Override
        public boolean fail(Throwable e) {
          failure.set(e);
          return true;
        }
      };

  private Mono<LiveFigures> read() {
    return Mono.fromSupplier(() -> {
      reads.incrementAndGet();
      return StreamFixtures.figures(
          responses.get(), Instant.ofEpochMilli(time.now(TimeUnit.MILLISECONDS)));
    });
  }

  private IndexUpstream upstream(Function<Boolean, Mono<LiveFigures>> read) {
    return new IndexUpstream(
        read,
        v -> ("frame " + v.version()).getBytes(StandardCharsets.UTF_8),
        time,
        () -> time.now(TimeUnit.NANOSECONDS),
        INTERVAL,
        GRACE,
        closed::add);
  }

  private IndexUpstream started() {
    IndexUpstream u = upstream(initial -> read());
    u.join(watcher);
    u.start();
    time.advanceTime();
    return u;
  }

  private List<Long> responsesSeen() {
    return seen.stream().map(f -> f.figures().value().index().responses()).toList();
  }

  @Test
  void aWatcherGetsTheSnapshotThenALoneChangeAtOnce() {
    IndexUpstream u = started();
    assertThat(responsesSeen()).containsExactly(0L);
    time.advanceTimeBy(Duration.ofMillis(10));
    responses.set(1);
    u.changed();
    time.advanceTime(); // no time passes
    assertThat(responsesSeen()).containsExactly(0L, 1L);
    assertThat(seen.getLast().version()).isEqualTo(2);
    // Encoded once, for every watcher.
    assertThat(new String(seen.getLast().update(), StandardCharsets.UTF_8)).isEqualTo("frame 2");
  }

  @Test
  void aBurstOfAThousandChangesIsAFewReadsEndingWithTheLatest() {
    IndexUpstream u = started();
    for (int i = 1; i <= 1000; i++) {
      responses.set(i);
      u.changed();
      time.advanceTimeBy(Duration.ofMillis(1));
    }
    time.advanceTimeBy(Duration.ofSeconds(1));
    // The snapshot, the leading change, then the latest at most once per 250 ms.
    assertThat(responsesSeen()).containsExactly(0L, 1L, 250L, 500L, 750L, 1000L);
    assertThat(reads).hasValue(6);
  }

  @Test
  void changesWithinTheIntervalCollapseIntoOneRead() {
    IndexUpstream u = started();
    responses.set(1);
    u.changed();
    time.advanceTime();
    responses.set(2);
    u.changed();
    responses.set(3);
    u.changed();
    time.advanceTimeBy(INTERVAL.minusMillis(1));
    assertThat(responsesSeen()).containsExactly(0L, 1L);
    time.advanceTimeBy(Duration.ofMillis(1));
    assertThat(responsesSeen()).containsExactly(0L, 1L, 3L);
    assertThat(reads).hasValue(3);
  }

  @Test
  void figuresAViewerCannotTellApartAreNotSentAgain() {
    IndexUpstream u = started();
    time.advanceTimeBy(Duration.ofSeconds(1));
    u.changed(); // read again, at another time, with the same figures
    time.advanceTime();
    assertThat(reads).hasValue(2);
    assertThat(seen).hasSize(1);
  }

  @Test
  void aRecoveryIsSentAsASnapshotEvenWhenNothingChanged() {
    IndexUpstream u = started();
    time.advanceTimeBy(Duration.ofSeconds(1));
    u.recovered();
    time.advanceTime();
    assertThat(seen).hasSize(2);
    assertThat(seen.getLast().figures().resync()).isTrue();
    // Once: the next read is an ordinary one again.
    responses.set(5);
    u.changed();
    time.advanceTimeBy(INTERVAL);
    assertThat(seen.getLast().figures().resync()).isFalse();
  }

  @Test
  void neverMoreThanOneReadRuns() {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    IndexUpstream u =
        upstream(initial ->
            Mono.defer(
                    () -> {
                      most.accumulateAndGet(running.incrementAndGet(), Math::max);
                      return Mono.delay(Duration.ofSeconds(1), time);
                    })
                .then(read())
                .doFinally(s -> running.decrementAndGet()));
    u.join(watcher);
    u.start();
    for (int i = 1; i <= 50; i++) {
      responses.set(i);
      u.changed();
      time.advanceTimeBy(Duration.ofMillis(100));
    }
    time.advanceTimeBy(Duration.ofSeconds(5));
    assertThat(most).hasValue(1);
    // Every read saw what came before it; the last one the latest.
    assertThat(responsesSeen().getLast()).isEqualTo(50L);
    assertThat(reads.get()).isLessThanOrEqualTo(7);
  }

  @Test
  void theLastWatcherLeavingClosesItAfterTheGraceUnlessOneJoinsMeanwhile() {
    IndexUpstream u = started();
    u.leave(watcher);
    time.advanceTimeBy(GRACE.minusMillis(1));
    assertThat(closed).isEmpty();
    // A reload within the grace reuses the upstream and gets the latest figures at once.
    List<IndexFrame> second = new ArrayList<>();
    IndexUpstream.Watcher reloaded =
        new IndexUpstream.Watcher() {
          @Override
          public void offer(IndexFrame frame) {
            second.add(frame);
          }

          @Override
          public boolean fail(Throwable e) {
            return true;
          }
        };
    assertThat(u.join(reloaded)).isTrue();
    assertThat(second).hasSize(1);
    assertThat(second.getFirst().update()).isNull(); // the watcher encodes its own snapshot
    time.advanceTimeBy(GRACE.multipliedBy(2));
    assertThat(closed).isEmpty();
    u.leave(reloaded);
    time.advanceTimeBy(GRACE);
    assertThat(closed).containsExactly(u);
    assertThat(u.join(watcher)).isFalse();
    assertThat(reads).hasValue(1);
  }

  @Test
  void aSnapshotThatCannotBeReadForGoodFailsTheWatchersAndCloses() {
    IndexUpstream u =
        upstream(initial -> Mono.error(new NotFoundException("No dealer with id D1")));
    u.join(watcher);
    u.start();
    time.advanceTime();
    assertThat(failure.get()).isInstanceOf(NotFoundException.class);
    assertThat(closed).containsExactly(u);
  }
}
