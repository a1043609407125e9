package io.pulse.feedback;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * Merges concurrent submissions into few, large writes ("group commit"): a submission waits only
 * while earlier writes are in flight, and everything that queued up meanwhile goes out together in
 * the next write. An idle writer therefore adds no delay, and a busy one writes in batches that
 * grow with the load instead of paying a round trip, a plan and a commit per request.
 *
 * <p>A write that fails with more than one submission in it is retried one submission at a time, so
 * a request that breaks its write (a dealer deleted meanwhile, say) fails alone and never takes
 * other callers' requests down with it.
 *
 * @param <T> a submission
 * @param <R> what one submission gets back
 */
final class GroupCommit<T, R> {

  private record Pending<T, R>(T item, int weight, MonoSink<R> reply) {}

  private final int maxWeight;
  private final int maxConcurrentWrites;
  private final ToIntFunction<T> weigher;
  private final Function<List<T>, Mono<List<R>>> write;
  private final Queue<Pending<T, R>> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger queuedWeight = new AtomicInteger();
  private final AtomicInteger writesInFlight = new AtomicInteger();
  private final AtomicInteger drainRequests = new AtomicInteger();

  /**
   * @param maxWeight the most weight (e.g. events) one write takes, unless one submission alone is
   *     heavier
   * @param maxConcurrentWrites writes in flight at once
   * @param weigher the weight of a submission
   * @param write writes the given submissions as one and returns one result per submission, in
   *     order
   */
  GroupCommit(
      int maxWeight,
      int maxConcurrentWrites,
      ToIntFunction<T> weigher,
      Function<List<T>, Mono<List<R>>> write) {
    if (maxWeight < 1 || maxConcurrentWrites < 1) {
      throw new IllegalArgumentException("maxWeight and maxConcurrentWrites must be positive");
    }
    this.maxWeight = maxWeight;
    this.maxConcurrentWrites = maxConcurrentWrites;
    this.weigher = weigher;
    this.write = write;
  }

  /** Writes the submission together with whatever else is waiting; lazy, like any Mono. */
  Mono<R> submit(T item) {
    return Mono.create(sink -> {
      int weight = Math.max(1, weigher.applyAsInt(item));
      queue.add(new Pending<>(item, weight, sink));
      queuedWeight.addAndGet(weight);
      drain();
    });
  }

  /** Submissions waiting for a write. */
  int queued() {
    return queue.size();
  }

  /** Weight (events) waiting for a write. */
  int queuedWeight() {
    return queuedWeight.get();
  }

  /** Writes in flight. */
  int writesInFlight() {
    return writesInFlight.get();
  }

  /**
   * Starts writes while there is work and room. Any thread may call it; one at a time runs the loop
   * and the others only make it go round once more, so no submission is left behind.
   */
  private void drain() {
    if (drainRequests.getAndIncrement() != 0) {
      return;
    }
    int missed = 1;
    while (true) {
      while (writesInFlight.get() < maxConcurrentWrites && !queue.isEmpty()) {
        List<Pending<T, R>> batch = takeBatch();
        writesInFlight.incrementAndGet();
        start(batch);
      }
      missed = drainRequests.addAndGet(-missed);
      if (missed == 0) {
        return;
      }
    }
  }

  private List<Pending<T, R>> takeBatch() {
    List<Pending<T, R>> batch = new ArrayList<>();
    int weight = 0;
    Pending<T, R> next;
    while ((next = queue.peek()) != null
        && (batch.isEmpty() || weight + next.weight() <= maxWeight)) {
      queue.poll();
      weight += next.weight();
      batch.add(next);
    }
    queuedWeight.addAndGet(-weight);
    return batch;
  }

  private void start(List<Pending<T, R>> batch) {
    writeTogether(batch)
        .doFinally(signal -> {
          writesInFlight.decrementAndGet();
          drain();
        })
        .subscribe();
  }

  /**
   * One write for the batch; each submission hears its own result. Never fails: a failed write of
   * one submission is that submission's error, a failed write of several is retried one by one.
   */
  private Mono<Void> writeTogether(List<Pending<T, R>> batch) {
    Mono<Void> written =
        Mono.defer(() -> write.apply(batch.stream().map(Pending::item).toList()))
            .doOnNext(results -> {
              if (results.size() != batch.size()) {
                throw new IllegalStateException(
                    "a write returned %d results for %d submissions"
                        .formatted(results.size(), batch.size()));
              }
              for (int i = 0; i < batch.size(); i++) {
                batch.get(i).reply().success(results.get(i));
              }
            })
            .then();
    if (batch.size() == 1) {
      return written.onErrorResume(error -> {
        batch.getFirst().reply().error(error);
        return Mono.empty();
      });
    }
    // One after the other: the retries hold the same write slot (one connection) as the batch.
    return written.onErrorResume(
        error -> Flux.fromIterable(batch).concatMap(p -> writeTogether(List.of(p))).then());
  }
}
