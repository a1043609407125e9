package io.pulse.stream;

import io.pulse.api.IndexMessage;
import io.pulse.api.LiveStatus;
import io.pulse.figures.LiveFigures;
import io.pulse.stream.FeedStreams.FeedFrame;
import java.time.Clock;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Encodes what the streams send into SSE frames, with the application's JSON settings. An index
 * update is encoded once per scope, window and version and its bytes go to every subscriber; only a
 * connection's first event (its snapshot, which carries the connection's {@code retry:}) is its
 * own.
 */
@Component
class StreamFrames {

  private final JsonMapper json;
  private final Clock clock;
  private final String missedMessage;

  StreamFrames(JsonMapper json, Clock clock, StreamProperties properties) {
    this.json = json;
    this.clock = clock;
    this.missedMessage = "missed more than " + properties.feedBacklog() + " items";
  }

  /** The frame every live subscriber of a scope gets for this version. */
  byte[] update(Versioned<LiveFigures> v) {
    return SseFrames.event(
        Long.toString(v.version()), v.resync() ? "snapshot" : "update", -1, message(v));
  }

  /** A connection's first event: the figures as they are, with the connection's retry. */
  byte[] snapshot(Versioned<LiveFigures> v, long retryMillis) {
    return SseFrames.event(Long.toString(v.version()), "snapshot", retryMillis, message(v));
  }

  /** {@code event: status}; {@code retryMillis} negative for none. */
  byte[] status(LiveStatus status, long retryMillis) {
    return SseFrames.event(null, "status", retryMillis, json.writeValueAsString(status));
  }

  byte[] feed(FeedFrame f, long retryMillis) {
    if (f.alert() != null) {
      return SseFrames.event(null, f.event(), retryMillis, json.writeValueAsString(f.alert()));
    }
    if (f.item() == null) {
      return SseFrames.event(null, f.event(), retryMillis, missedMessage);
    }
    return SseFrames.event(
        Long.toString(f.item().seq()), f.event(), retryMillis, json.writeValueAsString(f.item()));
  }

  private String message(Versioned<LiveFigures> v) {
    LiveFigures f = v.value();
    return json.writeValueAsString(
        new IndexMessage(v.version(), clock.instant(), f.index(), f.verdicts()));
  }
}
