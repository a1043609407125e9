package io.pulse.stream;

import io.pulse.api.Alert;
import io.pulse.api.FeedItem;
import io.pulse.feedback.FeedHistory;
import io.pulse.system.RelayRejections;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.SequencedSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * A dealer's live feed: recent items first, then new ones as they are accepted on any instance.
 * Items are events, not state, so a reconnecting client gets exactly what it missed (by sequence
 * number from PostgreSQL), or, when it missed more than the backlog, a reset and the newest items.
 */
@Component
class FeedStreams {

  /**
   * One feed event: {@code feed} carries an item, {@code alert} an early warning just raised (an
   * {@link Alert}), {@code reset} says the client missed too much and should start afresh.
   */
  record FeedFrame(String event, @Nullable FeedItem item, @Nullable Alert alert) {

    FeedFrame(String event, @Nullable FeedItem item) {
      this(event, item, null);
    }
  }

  private static final int REMEMBERED = 1_000;

  private final FeedRelay relay;
  private final AlertRelay alertRelay;
  private final RelayWatchdog watchdog;
  private final FeedHistory history;
  private final StreamProperties properties;
  private final RelayRejections rejections;

  FeedStreams(
      FeedRelay relay,
      AlertRelay alertRelay,
      RelayWatchdog watchdog,
      FeedHistory history,
      StreamProperties properties,
      RelayRejections rejections) {
    this.relay = relay;
    this.alertRelay = alertRelay;
    this.watchdog = watchdog;
    this.history = history;
    this.properties = properties;
    this.rejections = rejections;
  }

  Flux<FeedFrame> watch(String dealerId, @Nullable Long lastSeenSeq) {
    int backlog = properties.feedBacklog();
    return Flux.defer(() -> {
      // Listen before reading the backlog, so nothing accepted in between is missed.
      Sinks.Many<FeedItem> early = Sinks.many().unicast().onBackpressureBuffer();
      Disposable live = relay.itemsFor(dealerId).subscribe(early::tryEmitNext);
      Sinks.Many<Alert> earlyAlerts = Sinks.many().unicast().onBackpressureBuffer();
      Disposable liveAlerts = alertRelay.itemsFor(dealerId).subscribe(earlyAlerts::tryEmitNext);
      SequencedSet<Long> sent = new LinkedHashSet<>();
      // Live items at or below the newest item of the start were sent already, or skipped on
      // purpose by a reset; out-of-order ones above it still go out, once.
      AtomicLong startMax = new AtomicLong(lastSeenSeq == null ? 0 : lastSeenSeq);
      AtomicLong newest = new AtomicLong(startMax.get());
      Flux<FeedFrame> start =
          resume(dealerId, lastSeenSeq, backlog)
              .doOnNext(f -> {
                if (f.item() != null) {
                  startMax.accumulateAndGet(f.item().seq(), Math::max);
                }
              });
      // A live item more than one past the newest sent means items were lost on the way (a
      // publish that failed, a message missed while the subscription was down): fetch the gap
      // from PostgreSQL first. Each dealer's numbers are consecutive (a rare number consumed
      // without an event costs one query that finds nothing).
      Flux<FeedFrame> liveItems =
          early
              .asFlux()
              .filter(i -> i.seq() > startMax.get())
              .concatMap(i -> {
                long have = newest.get();
                Flux<FeedFrame> item = Flux.just(new FeedFrame("feed", i));
                return have > 0 && i.seq() > have + 1
                    ? recover(dealerId, have, backlog).concatWith(item)
                    : item;
              });
      // Items published at the end of an outage have no later item to reveal them: when the
      // live path recovers, fetch what came after the newest item sent (each feed after a random
      // pause of up to ten seconds, so thousands of feeds do not query PostgreSQL at once).
      Flux<FeedFrame> catchUps =
          watchdog
              .recoveries()
              .concatMap(r ->
                  Mono.delay(Duration.ofMillis(ThreadLocalRandom.current().nextLong(10_000)))
                      .thenMany(Flux.defer(() -> recover(dealerId, newest.get(), backlog))));
      // Early warnings raised while the feed is open. They are not items (no sequence number):
      // one lost on the way is still in the dealer's alert list.
      Flux<FeedFrame> warnings = earlyAlerts.asFlux().map(a -> new FeedFrame("alert", null, a));
      return start
          .concatWith(Flux.merge(liveItems, catchUps, warnings))
          .filter(f -> f.item() == null || remember(sent, f.item().seq()))
          .doOnNext(f -> {
            if (f.item() != null) {
              newest.accumulateAndGet(f.item().seq(), Math::max);
            }
          })
          .doFinally(signal -> {
            live.dispose();
            liveAlerts.dispose();
          });
    });
  }

  /**
   * {@link #resume} for a live feed that lost items: a failure is counted and logged, and the feed
   * goes on (the next gap or recovery tries again).
   */
  private Flux<FeedFrame> recover(String dealerId, long after, int backlog) {
    return resume(dealerId, after, backlog)
        .onErrorResume(e -> {
          rejections.reject(FeedRelay.NAME, "catch-up-failed", dealerId + "#" + after, e);
          return Flux.empty();
        });
  }

  /**
   * The items after {@code lastSeenSeq} (the newest ones when null): exactly the missed items, or a
   * reset and the newest {@code backlog} when more than that were missed.
   */
  private Flux<FeedFrame> resume(String dealerId, @Nullable Long lastSeenSeq, int backlog) {
    if (lastSeenSeq == null) {
      return history.latest(dealerId, backlog).map(i -> new FeedFrame("feed", i));
    }
    return history
        .after(dealerId, lastSeenSeq, backlog + 1)
        .collectList()
        .flatMapMany(missed ->
            missed.size() <= backlog
                ? Flux.fromIterable(missed).map(i -> new FeedFrame("feed", i))
                : Flux.concat(
                    Flux.just(new FeedFrame("reset", null)),
                    history.latest(dealerId, backlog).map(i -> new FeedFrame("feed", i))));
  }

  /** True the first time a sequence number is seen; remembers the last thousand. */
  private static boolean remember(SequencedSet<Long> sent, long seq) {
    if (!sent.add(seq)) {
      return false;
    }
    if (sent.size() > REMEMBERED) {
      sent.removeFirst();
    }
    return true;
  }
}
