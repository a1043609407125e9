package io.pulse.loadtest.requests;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.http.HttpDsl.sse;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;
import io.pulse.loadtest.config.RunClock;
import io.pulse.loadtest.streams.StreamRecorder;
import io.pulse.loadtest.streams.StreamWatch;
import java.time.Duration;
import java.util.function.Function;

/**
 * The live index streams ({@code GET /api/v1/stream/…}, server-sent events): open and check the
 * snapshot, listen while recording event-to-screen latency, check the stream survived, close.
 */
public final class StreamRequests {

  /** Name of the one stream each listener holds (Gatling's per-user SSE handle). */
  public static final String SSE = "index-stream";

  private static final String SNAPSHOT_ACCEPTED = "snapshotAcceptedAt";

  private StreamRequests() {}

  /**
   * Opens {@code path} and waits for its first event, which must be a {@code snapshot} of the
   * requested scope; a user whose stream does not open stops here (the request is KO).
   *
   * @param requestName report name, e.g. "GET /stream/dealers/{id}"
   * @param path path and query of the stream for this user
   * @param timeout how long the snapshot may take
   */
  public static ChainBuilder open(
      String requestName, Function<Session, String> path, Duration timeout) {
    return exec(sse(requestName)
            .sseName(SSE)
            .get(path)
            .await(timeout)
            .on(
                sse.checkMessage("snapshot")
                    .check(
                        jsonPath("$.event").is("snapshot"),
                        jsonPath("$.data.index.computedAt").exists(),
                        jsonPath("$.data.index.lastEventAcceptedAt")
                            .optional()
                            .saveAs(SNAPSHOT_ACCEPTED))))
        .exitHereIfFailed()
        .exec(session ->
            session.set(
                StreamWatch.ATTRIBUTE, new StreamWatch(session.getString(SNAPSHOT_ACCEPTED))));
  }

  /** Takes the messages buffered since the last look and records their latencies. */
  public static ChainBuilder look(StreamRecorder recorder) {
    return exec(sse.processUnmatchedMessages(
            SSE,
            (messages, session) -> {
              StreamWatch watch = session.get(StreamWatch.ATTRIBUTE);
              if (watch != null) {
                messages.forEach(m -> watch.absorb(m.timestamp(), m.message()));
              }
              return session;
            }))
        .exec(recorder.recordLatencies());
  }

  /** Listens until {@code end} after the run's start, looking every {@code interval}. */
  public static ChainBuilder listen(
      StreamRecorder recorder, RunClock clock, Duration end, Duration interval) {
    return exec(clock.fixUntil(end))
        .during(clock.until(end))
        .on(pause(interval).exec(look(recorder)));
  }

  /** Last look, the held-to-the-end check, then closes the stream. */
  public static ChainBuilder close(StreamRecorder recorder) {
    return look(recorder)
        .exec(recorder.checkHeld(SSE))
        .exec(sse("close stream").sseName(SSE).close());
  }
}
