package io.pulse.loadtest.requests;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.commons.stats.KO$;
import io.gatling.commons.stats.OK$;
import io.gatling.javaapi.core.ActionBuilder;
import io.gatling.javaapi.core.CoreDsl;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import io.pulse.loadtest.feeders.FeedbackEvents;
import io.pulse.loadtest.streams.StreamRecorder;
import io.pulse.loadtest.streams.VirtualRequests;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import scala.Option;

/**
 * Feedback offered to a backend that may shed it. Each batch is answered 200 (accepted: stored and
 * counted), or 503 {@code /problems/overloaded} / 429 (shed before anything was stored: a sender
 * would retry later), and is recorded as a virtual request {@value #ACCEPTED} or {@value #SHED}
 * with its own latency, per phase of the run, so that the latency of what was accepted is asserted
 * apart from the quick refusals. Any other answer, a 503 that is not a shed included (a store
 * unavailable), is recorded KO as {@value #FAILED}; so is a shed in a phase where the backend
 * should have recovered.
 */
public final class IngestOutcomes {

  /** Batches stored and counted. */
  public static final String ACCEPTED = "ingest accepted";

  /** Batches refused before storing (503 overloaded, 429). */
  public static final String SHED = "ingest shed";

  /** Anything else. */
  public static final String FAILED = "ingest failed";

  private static final String STATUS = "offeredStatus";
  private static final String TYPE = "offeredProblem";
  private static final String TIME = "offeredMillis";

  private final StreamRecorder.Phases phases;
  private final Set<String> noSheddingIn;
  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

  /**
   * Outcomes named with the phase of the moment each request was sent; in the phases {@code
   * noSheddingIn} a shed batch is a failure (KO).
   */
  public IngestOutcomes(StreamRecorder.Phases phases, Set<String> noSheddingIn) {
    this.phases = phases;
    this.noSheddingIn = Set.copyOf(noSheddingIn);
  }

  /** A batch of {@code size}; whatever the status, the request itself is OK for Gatling. */
  public HttpRequestActionBuilder offer(FeedbackEvents events, int size) {
    return http("POST /feedback/batch (offered)")
        .post("/api/v1/feedback/batch")
        .body(StringBody(session -> events.batch(ThreadLocalRandom.current(), size)))
        .check(
            status().saveAs(STATUS),
            jsonPath("$.type").optional().saveAs(TYPE),
            CoreDsl.responseTimeInMillis().saveAs(TIME));
  }

  /** Logs the outcome of the batch just offered. */
  public ActionBuilder record(int size) {
    return VirtualRequests.hook(
        "recordIngestOutcome",
        (stats, session) -> {
          Option<Object> status = session.attributes().get(STATUS);
          if (status.isEmpty()) {
            return; // the request did not complete (connection failure): Gatling logged it KO
          }
          int code = (Integer) status.get();
          Option<Object> type = session.attributes().get(TYPE);
          String problem = type.isDefined() ? String.valueOf(type.get()) : "";
          long end = System.currentTimeMillis();
          Option<Object> took = session.attributes().get(TIME);
          long start = end - (took.isDefined() ? ((Number) took.get()).longValue() : 0);
          String outcome =
              code == 200
                  ? ACCEPTED
                  : code == 429 || (code == 503 && problem.equals("/problems/overloaded"))
                      ? SHED
                      : FAILED;
          String phase = phases.phaseOf(start);
          String name = phase == null ? outcome : outcome + " (" + phase + ")";
          counts.computeIfAbsent(name, n -> new LongAdder()).add(size);
          boolean failed =
              outcome.equals(FAILED) || (outcome.equals(SHED) && noSheddingIn.contains(phase));
          VirtualRequests.log(
              stats,
              session,
              name,
              start,
              end,
              failed ? KO$.MODULE$ : OK$.MODULE$,
              failed ? code + " " + problem : null);
        });
  }

  /** Events per outcome and phase, for the console. */
  public String summary() {
    StringBuilder out = new StringBuilder("events offered:");
    new TreeMap<>(counts)
        .forEach((name, n) -> out.append(String.format(Locale.ROOT, " %s %,d;", name, n.sum())));
    return out.toString();
  }
}
