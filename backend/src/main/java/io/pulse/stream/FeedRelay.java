package io.pulse.stream;

import io.pulse.feedback.AcceptedFeedback;
import io.pulse.feedback.FeedItem;
import io.pulse.window.AggregateKeys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Carries accepted feedback to every instance's live feeds over Redis pub/sub. A lost message is
 * not lost for a client: feeds resume from PostgreSQL by sequence number.
 */
@Component
class FeedRelay implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(FeedRelay.class);
  private static final TypeReference<List<FeedItem>> ITEMS = new TypeReference<>() {};

  private final AcceptedFeedback accepted;
  private final ReactiveStringRedisTemplate redis;
  private final JsonMapper json;
  private final StreamProperties properties;
  private final String channel;
  private static final int MAX_QUEUED = 100_000;
  private final java.util.Queue<FeedItem> queue =
      new java.util.concurrent.ConcurrentLinkedQueue<>();
  private final java.util.concurrent.atomic.AtomicInteger queued =
      new java.util.concurrent.atomic.AtomicInteger();
  private final Router<String, FeedItem> byDealer = new Router<>(FluxSink.OverflowStrategy.BUFFER);
  private volatile Disposable publishing = () -> {};
  private volatile Disposable receiving = () -> {};
  private volatile boolean running;

  FeedRelay(
      AcceptedFeedback accepted,
      ReactiveStringRedisTemplate redis,
      JsonMapper json,
      AggregateKeys keys,
      StreamProperties properties) {
    this.accepted = accepted;
    this.redis = redis;
    this.json = json;
    this.properties = properties;
    this.channel = keys.prefix() + ":feed";
  }

  /** One dealer's new feed items. */
  Flux<FeedItem> itemsFor(String dealerId) {
    return byDealer.subscribe(dealerId);
  }

  @Override
  public void start() {
    running = true;
    // Items queue until the next flush: a slow publish delays them, never drops them, up to a
    // bound past which feeds fall back to PostgreSQL (clients resume by sequence number).
    Runnable collecting =
        accepted.listen(items -> {
          if (queued.get() < MAX_QUEUED) {
            queue.addAll(items);
            queued.addAndGet(items.size());
          }
        });
    Disposable flushing =
        Flux.interval(properties.relayBatch())
            .onBackpressureDrop()
            .concatMap(tick -> flush(), 1)
            .subscribe();
    publishing = Disposables.composite(collecting::run, flushing);
    receiving =
        redis
            // A container of its own per start: test contexts are paused (stopped) and restarted,
            // and a shared container does not subscribe again once all its subscriptions ended.
            .listenToChannel(channel)
            .doOnNext(m -> {
              // Every instance gets every item; with no feed open here there is nothing to decode.
              if (byDealer.keys() > 0) {
                json.readValue(m.getMessage(), ITEMS)
                    .forEach(item -> byDealer.dispatch(item.dealerId(), item));
              }
            })
            .retryWhen(
                Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(200))
                    .maxBackoff(Duration.ofSeconds(5)))
            .subscribe();
  }

  private Mono<Void> flush() {
    List<FeedItem> items = new ArrayList<>();
    FeedItem item;
    while (items.size() < 500 && (item = queue.poll()) != null) {
      items.add(item);
    }
    if (items.isEmpty()) {
      return Mono.empty();
    }
    queued.addAndGet(-items.size());
    return redis
        .convertAndSend(channel, json.writeValueAsString(items))
        .onErrorResume(e -> {
          log.warn("Publishing {} feed items failed: {}", items.size(), e.toString());
          return Mono.empty();
        })
        .then();
  }

  @Override
  public void stop() {
    publishing.dispose();
    receiving.dispose();
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
