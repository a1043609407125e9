package io.pulse.support;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * A well-behaved carmaker system: posts batches of feedback to random dealers, one after another,
 * and retries a batch that was not acknowledged (a 503, a timeout, a dropped connection) with the
 * same event ids until it is. What it records as acknowledged is what Pulse promised to keep.
 */
public final class SteadySender implements AutoCloseable {

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final String baseUrl;
  private final List<String> dealers;
  private final Instant occurredAt;
  private final int batchSize;
  private final Random random = new Random(42);
  private final Set<UUID> acknowledged = ConcurrentHashMap.newKeySet();
  private final AtomicInteger refusals = new AtomicInteger();
  private final AtomicInteger batches = new AtomicInteger();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final CompletableFuture<Void> finished;

  public SteadySender(String baseUrl, List<String> dealers, Instant occurredAt, int batchSize) {
    this.baseUrl = baseUrl;
    this.dealers = dealers;
    this.occurredAt = occurredAt;
    this.batchSize = batchSize;
    this.finished =
        Mono.fromSupplier(this::nextBatch)
            // The same batch until it is acknowledged, even if asked to stop meanwhile: a sender
            // never drops a batch it started.
            .flatMap(batch ->
                post(batch.body())
                    .doOnError(e -> refusals.incrementAndGet())
                    .retryWhen(Retry.fixedDelay(Long.MAX_VALUE, Duration.ofMillis(200)))
                    .thenReturn(batch))
            .doOnNext(batch -> {
              acknowledged.addAll(batch.ids());
              batches.incrementAndGet();
            })
            .delayElement(Duration.ofMillis(20))
            .repeat(running::get)
            .then()
            .toFuture();
  }

  private record Batch(List<UUID> ids, String body) {}

  private Batch nextBatch() {
    List<UUID> ids = new ArrayList<>();
    List<String> events = new ArrayList<>();
    for (int i = 0; i < batchSize; i++) {
      UUID id = UUID.randomUUID();
      ids.add(id);
      events.add(
          Events.event(
              id,
              dealers.get(random.nextInt(dealers.size())),
              occurredAt,
              Map.of("RECOMMEND", random.nextInt(11), "SPEED", 1 + random.nextInt(5))));
    }
    return new Batch(ids, Events.array(events));
  }

  /** Completes when the batch is acknowledged (200); fails otherwise. */
  private Mono<Void> post(String body) {
    return Mono.defer(() ->
            Mono.fromFuture(
                http.sendAsync(
                    Events.batchRequest(baseUrl, body, Duration.ofSeconds(10)),
                    HttpResponse.BodyHandlers.ofString())))
        .flatMap(r ->
            r.statusCode() == 200
                ? Mono.<Void>empty()
                : Mono.error(new IllegalStateException("not acknowledged: " + r.statusCode())));
  }

  /** Batches acknowledged so far. */
  public int batches() {
    return batches.get();
  }

  /** Attempts that were not acknowledged (and were retried). */
  public int refusals() {
    return refusals.get();
  }

  /** Stops after the batch in hand is acknowledged; returns every acknowledged event id. */
  public Set<UUID> stop() throws Exception {
    running.set(false);
    finished.get(90, TimeUnit.SECONDS);
    return Set.copyOf(acknowledged);
  }

  @Override
  public void close() throws Exception {
    stop();
  }
}
