package io.pulse.feedback;

import com.netflix.concurrency.limits.Limiter;
import com.netflix.concurrency.limits.limit.AIMDLimit;
import com.netflix.concurrency.limits.limiter.SimpleLimiter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.pulse.system.OverloadedException;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.PoolMetrics;
import io.r2dbc.spi.ConnectionFactory;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * Admission control for ingest: a request is let in only while the stores keep up, so an overload
 * sheds new requests (503 with Retry-After, nothing stored) instead of queueing work that ends in
 * timeouts after the events were stored, and the requests admitted keep their latency. An event
 * admitted is stored and counted before the reply; "stored but not yet counted" stays what a crash
 * or an outage leaves for the reconciler, never what load does.
 *
 * <p>Three signals, all cheap to read:
 *
 * <ul>
 *   <li>an <b>adaptive limit on requests in flight</b> (Netflix concurrency-limits, AIMD): it grows
 *       by one while requests finish within {@code pulse.ingest.target-latency} and the limit is in
 *       use, and shrinks by a tenth whenever one takes longer, so under overload it settles where
 *       admitted requests stay fast, whatever the box and whatever else runs on it;
 *   <li>a hard bound on <b>events in flight</b> (the limit above counts requests of any size);
 *   <li><b>requests waiting for a PostgreSQL connection</b> (contention with reads and background
 *       work).
 * </ul>
 *
 * A request always gets in when nothing else is in flight, so any size can pass.
 */
@Component
class IngestAdmission {

  /**
   * Latency is judged per this many events: a request of up to 100 events is held to the target as
   * it is, a batch of 500 to five times the target (it legitimately takes longer under full ingest,
   * and must not make the instance refuse the small requests the target is for). So batches of any
   * size teach the limit both ways, and a limit cut down while only big batches come (after a cold
   * start, say) grows back once they are fast again.
   */
  private static final int LATENCY_PER_EVENTS = 100;

  /** An admitted request: say how it ended, exactly once. */
  interface Permit {
    /** Stored and counted: its latency feeds the adaptive limit. */
    void succeeded();

    /** Failed or cancelled for reasons of its own: frees the slot, teaches the limit nothing. */
    void ignored();
  }

  private final IngestProperties properties;
  private final ConnectionFactory database;
  private final AIMDLimit limit;
  private final SimpleLimiter<Void> limiter;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Map<String, Counter> shed = new ConcurrentHashMap<>();
  private final MeterRegistry meters;

  IngestAdmission(IngestProperties properties, ConnectionFactory database, MeterRegistry meters) {
    this.properties = properties;
    this.database = database;
    this.meters = meters;
    this.limit =
        AIMDLimit.newBuilder()
            .initialLimit(32)
            .minLimit(4)
            .maxLimit(properties.maxConcurrentRequests())
            .backoffRatio(0.9)
            .timeout(properties.targetLatency().toNanos(), TimeUnit.NANOSECONDS)
            .build();
    this.limiter = SimpleLimiter.newBuilder().named("ingest").limit(limit).build();
    Gauge.builder("pulse.ingest.in.flight", inFlight, AtomicInteger::get)
        .description("Events admitted to ingest and not yet stored and counted")
        .register(meters);
    Gauge.builder("pulse.ingest.concurrency.limit", limit, AIMDLimit::getLimit)
        .description("Ingest requests this instance admits at once now (adapts to latency)")
        .register(meters);
  }

  /** Admits a request of {@code events} or throws a 503 naming what is saturated. */
  Permit admit(int events) {
    if (pendingConnections() > properties.maxPendingConnections()) {
      throw refuse("database-pool", "PostgreSQL connections are all busy");
    }
    int now = inFlight.addAndGet(events);
    if (now > properties.maxInFlightEvents() && now != events) {
      inFlight.addAndGet(-events);
      throw refuse("in-flight-events", "This instance is storing its maximum of events");
    }
    Optional<Limiter.Listener> slot = limiter.acquire(null);
    if (slot.isEmpty() && now != events) {
      inFlight.addAndGet(-events);
      throw refuse(
          "latency", "Ingest on this instance is slower than its target; it takes fewer requests");
    }
    AtomicBoolean done = new AtomicBoolean();
    Limiter.Listener listener = slot.orElse(null);
    long admitted = System.nanoTime();
    int inFlightRequests = limiter.getInflight();
    return new Permit() {
      @Override
      public void succeeded() {
        end(true);
      }

      @Override
      public void ignored() {
        end(false);
      }

      private void end(boolean sample) {
        if (done.compareAndSet(false, true)) {
          inFlight.addAndGet(-events);
          if (listener != null) {
            // The slot is freed without the limiter's own sample; the sample it learns from is
            // the latency per LATENCY_PER_EVENTS events.
            listener.onIgnore();
            if (sample) {
              long latency = System.nanoTime() - admitted;
              long judged =
                  events <= LATENCY_PER_EVENTS ? latency : latency * LATENCY_PER_EVENTS / events;
              limit.onSample(admitted, judged, inFlightRequests, false);
            }
          }
        }
      }
    };
  }

  int inFlight() {
    return inFlight.get();
  }

  private int pendingConnections() {
    if (database instanceof ConnectionPool pool) {
      return pool.getMetrics().map(PoolMetrics::pendingAcquireSize).orElse(0);
    }
    return 0;
  }

  private OverloadedException refuse(String reason, String what) {
    shed.computeIfAbsent(
            reason,
            r ->
                Counter.builder("pulse.ingest.shed")
                    .description("Ingest requests refused with 503 before storing, by cause")
                    .tag("reason", r)
                    .register(meters))
        .increment();
    return new OverloadedException(
        what
            + "; nothing of this request was stored. Retry after the given seconds: requests are"
            + " idempotent.",
        reason,
        ThreadLocalRandom.current().nextLong(1, 4));
  }
}
