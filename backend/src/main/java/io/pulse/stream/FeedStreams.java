package io.pulse.stream;

import io.pulse.feedback.FeedHistory;
import io.pulse.feedback.FeedItem;
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

  /** One feed event: {@code reset} says the client missed too much and should start afresh. */
  record FeedFrame(String event, @Nullable FeedItem item) {}

  private static final int REMEMBERED = 1_000;

  private final FeedRelay relay;
  private final RelayWatchdog watchdog;
  private final FeedHistory history;
  private final StreamProperties properties;

  FeedStreams(
      FeedRelay relay, RelayWatchdog watchdog, FeedHistory history, StreamProperties properties) {
    this.relay = relay;
    this.watchdog = watchdog;
    this.history = history;
    this.properties = properties;
  }

  Flux<FeedFrame> watch(String dealerId, @Nullable Long lastSeenSeq) {
    int backlog = properties.feedBacklog();
    return Flux.defer(() -> {
      // Listen before reading the backlog, so nothing accepted in between is missed.
      Sinks.Many<FeedItem> early = Sinks.many().unicast().onBackpressureBuffer();
      Disposable live = relay.itemsFor(dealerId).subscribe(early::tryEmitNext);
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
      // Items published while the live path was down never arrived here: when it recovers, fetch
      // what came after the newest item sent (each feed after a random pause of up to two
      // seconds, so thousands of feeds do not query PostgreSQL in the same instant).
      Flux<FeedFrame> catchUps =
          watchdog
              .recoveries()
              .concatMap(r ->
                  Mono.delay(Duration.ofMillis(ThreadLocalRandom.current().nextLong(2000)))
                      .thenMany(Flux.defer(() -> resume(dealerId, newest.get(), backlog)))
                      .onErrorResume(e -> Flux.empty()));
      return start
          .concatWith(
              Flux.merge(
                  early
                      .asFlux()
                      .filter(i -> i.seq() > startMax.get())
                      .map(i -> new FeedFrame("feed", i)),
                  catchUps))
          .filter(f -> f.item() == null || remember(sent, f.item().seq()))
          .doOnNext(f -> {
            if (f.item() != null) {
              newest.accumulateAndGet(f.item().seq(), Math::max);
            }
          })
          .doFinally(signal -> live.dispose());
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
