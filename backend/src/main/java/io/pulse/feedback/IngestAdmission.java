package io.pulse.feedback;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.pulse.system.OverloadedException;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.PoolMetrics;
import io.r2dbc.spi.ConnectionFactory;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * Admission control for ingest: a chunk of events is let in only while the stores keep up, so an
 * overload sheds new requests (503 with Retry-After, nothing stored) instead of queueing work that
 * ends in timeouts after the events were stored. An event admitted is stored and counted before the
 * reply; "stored but not yet counted" stays what a crash or an outage leaves for the reconciler,
 * never what load does.
 *
 * <p>Two signals, both cheap to read: events in flight in this instance (admitted, not yet counted:
 * they grow as soon as PostgreSQL or Redis slows down, and by Little's law bound the queueing
 * delay), and requests waiting for a PostgreSQL connection (contention with reads and background
 * work). A chunk always gets in when nothing else is in flight, so any chunk size can pass.
 */
@Component
class IngestAdmission {

  private final IngestProperties properties;
  private final ConnectionFactory database;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Map<String, Counter> shed = new ConcurrentHashMap<>();
  private final MeterRegistry meters;

  IngestAdmission(IngestProperties properties, ConnectionFactory database, MeterRegistry meters) {
    this.properties = properties;
    this.database = database;
    this.meters = meters;
    Gauge.builder("pulse.ingest.in.flight", inFlight, AtomicInteger::get)
        .description("Events admitted to ingest and not yet stored and counted")
        .register(meters);
  }

  /**
   * Admits {@code events} or throws a 503 naming what is saturated; run the returned handle exactly
   * once when they are stored and counted (or failed).
   */
  Runnable admit(int events) {
    int waiting = pendingConnections();
    if (waiting > properties.maxPendingConnections()) {
      throw refuse("database-pool", "PostgreSQL connections are all busy");
    }
    int now = inFlight.addAndGet(events);
    if (now > properties.maxInFlightEvents() && now != events) {
      inFlight.addAndGet(-events);
      throw refuse("in-flight-events", "This instance is storing its maximum of events");
    }
    AtomicInteger released = new AtomicInteger();
    return () -> {
      if (released.getAndIncrement() == 0) {
        inFlight.addAndGet(-events);
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
