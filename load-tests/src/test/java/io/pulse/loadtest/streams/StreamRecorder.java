package io.pulse.loadtest.streams;

import io.gatling.commons.stats.KO$;
import io.gatling.commons.stats.OK$;
import io.gatling.commons.stats.Status;
import io.gatling.core.action.SessionHook;
import io.gatling.core.session.Session;
import io.gatling.core.stats.StatsEngine;
import io.gatling.javaapi.core.ActionBuilder;
import java.lang.reflect.Field;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import scala.Option;

/**
 * Puts what the streams saw into Gatling's report as virtual requests, so they get the report's
 * percentiles, charts and assertions like real ones:
 *
 * <ul>
 *   <li>{@value #EVENT_TO_SCREEN}: one per update that carried a newer event accepted after the
 *       ramp ({@value #DURING_RAMP} for those accepted while listeners were still arriving); its
 *       response time is receipt on this machine minus {@code index.lastEventAcceptedAt}, its start
 *       the acceptance (so the report's "over time" charts place it when the event was accepted);
 *   <li>{@value #SERVER_PART} ({@code sentAt − lastEventAcceptedAt}: the backend's share) and
 *       {@value #DELIVERY_PART} (receipt − {@code sentAt}: socket, load generator, GC);
 *   <li>{@value #STREAM_HELD}: one per stream at the end, KO if it was closed by the server,
 *       crashed, or silently re-opened (a second snapshot).
 * </ul>
 *
 * Gatling's Java DSL has no public call for custom timings, so this builds a core {@link
 * SessionHook} with the scenario's {@link StatsEngine}.
 */
public final class StreamRecorder {

  /** Request name of the event-to-screen latency. */
  public static final String EVENT_TO_SCREEN = "event-to-screen";

  /** Request name of the event-to-screen latency of events accepted during the ramp. */
  public static final String DURING_RAMP = "event-to-screen (during ramp)";

  /** Request name of the backend's part of it. */
  public static final String SERVER_PART = "event-to-screen (server part)";

  /** Request name of the delivery part of it. */
  public static final String DELIVERY_PART = "event-to-screen (delivery part)";

  /** Request name of the end-of-run stream check. */
  public static final String STREAM_HELD = "stream held to the end";

  /** Names an extra series for a sample, e.g. the soak's first and last third; null for none. */
  @FunctionalInterface
  public interface Phases {
    /** The series name for an event accepted at {@code acceptedAt}, or null. */
    @Nullable String phaseOf(long acceptedAt);

    /** No extra series. */
    Phases NONE = acceptedAt -> null;
  }

  private static final AtomicBoolean STATE_WARNED = new AtomicBoolean();

  private final StreamTotals totals;
  private final Phases phases;
  private final boolean breakdown;
  private final LongSupplier steadyFrom;

  /**
   * A recorder adding to {@code totals}; {@code breakdown} also records the server and delivery
   * parts; events accepted before {@code steadyFrom} (epoch ms: the end of the ramp) are recorded
   * as {@value #DURING_RAMP} only.
   */
  public StreamRecorder(
      StreamTotals totals, Phases phases, boolean breakdown, LongSupplier steadyFrom) {
    this.totals = totals;
    this.phases = phases;
    this.breakdown = breakdown;
    this.steadyFrom = steadyFrom;
  }

  /** Logs the latency samples gathered since the last call. */
  public ActionBuilder recordLatencies() {
    return VirtualRequests.hook(
        "recordStreamLatencies",
        (stats, session) -> {
          StreamWatch watch = watch(session);
          if (watch == null) {
            return;
          }
          for (StreamWatch.Sample s : watch.drain()) {
            long received = Math.max(s.receivedAt(), s.acceptedAt());
            long sent = Math.min(Math.max(s.sentAt(), s.acceptedAt()), received);
            if (s.acceptedAt() < steadyFrom.getAsLong()) {
              // Still ramping: a cold backend and a storm of new streams; kept apart.
              VirtualRequests.log(
                  stats, session, DURING_RAMP, s.acceptedAt(), received, OK$.MODULE$, null);
              continue;
            }
            VirtualRequests.log(
                stats, session, EVENT_TO_SCREEN, s.acceptedAt(), received, OK$.MODULE$, null);
            totals.sample(received - s.acceptedAt());
            String phase = phases.phaseOf(s.acceptedAt());
            if (phase != null) {
              VirtualRequests.log(
                  stats, session, phase, s.acceptedAt(), received, OK$.MODULE$, null);
            }
            if (breakdown) {
              VirtualRequests.log(
                  stats, session, SERVER_PART, s.acceptedAt(), sent, OK$.MODULE$, null);
              VirtualRequests.log(stats, session, DELIVERY_PART, sent, received, OK$.MODULE$, null);
            }
          }
        });
  }

  /**
   * Logs {@value #STREAM_HELD} for the stream named {@code sseName}: KO if the server closed it, it
   * crashed, or it was re-opened.
   */
  public ActionBuilder checkHeld(String sseName) {
    return VirtualRequests.hook(
        "checkStreamHeld",
        (stats, session) -> {
          StreamWatch watch = watch(session);
          if (watch == null) {
            return; // never connected: the connect request already failed
          }
          String state = fsmState(session.attributes().get(sseName));
          String problem = null;
          if (watch.reconnects() > 0) {
            problem = "stream re-opened " + watch.reconnects() + " time(s) (a new snapshot came)";
          } else if ("SseClosedState".equals(state)) {
            problem = "stream closed by the server";
          } else if ("SseCrashedState".equals(state)) {
            problem = "stream crashed";
          }
          long now = System.currentTimeMillis();
          Status status = problem == null ? OK$.MODULE$ : KO$.MODULE$;
          VirtualRequests.log(stats, session, STREAM_HELD, now, now, status, problem);
          totals.finished(watch, problem == null, String.valueOf(state));
        });
  }

  private static @Nullable StreamWatch watch(Session session) {
    Option<Object> value = session.attributes().get(StreamWatch.ATTRIBUTE);
    return value.isDefined() ? (StreamWatch) value.get() : null;
  }

  /**
   * The simple name of the state of Gatling's SSE state machine ({@code SseIdleState}, {@code
   * SseClosedState}, …), read reflectively because Gatling does not expose it; null if unknown.
   */
  static @Nullable String fsmState(Option<Object> fsm) {
    if (fsm.isEmpty()) {
      return null;
    }
    Object machine = fsm.get();
    try {
      for (Field field : machine.getClass().getDeclaredFields()) {
        if (field.getName().endsWith("currentState")) {
          field.setAccessible(true);
          Object state = field.get(machine);
          return state == null ? null : state.getClass().getSimpleName();
        }
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      if (STATE_WARNED.compareAndSet(false, true)) {
        System.err.println(
            "cannot read Gatling's SSE state (" + e + "): server closes are not seen");
      }
    }
    return null;
  }
}
