package io.pulse.stream;

import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Server-sent event frames as the bytes that go on the wire, laid out as Spring's SSE writer lays
 * them out ({@code id:}, {@code event:}, {@code retry:}, {@code data:} lines, a blank line). Built
 * once and written as they are, so one frame can go to every subscriber of a scope.
 */
final class SseFrames {

  /** The comment that keeps proxies from closing an idle stream. */
  static final byte[] HEARTBEAT = ":heartbeat\n\n".getBytes(StandardCharsets.UTF_8);

  private SseFrames() {}

  /**
   * One event; {@code data} goes out as one {@code data:} line per line it has.
   *
   * @param retryMillis the client's reconnection delay, or a negative number for none
   */
  static byte[] event(@Nullable String id, String event, long retryMillis, String data) {
    StringBuilder sb = new StringBuilder(data.length() + 64);
    if (id != null) {
      sb.append("id:").append(id).append('\n');
    }
    sb.append("event:").append(event).append('\n');
    if (retryMillis >= 0) {
      sb.append("retry:").append(retryMillis).append('\n');
    }
    sb.append("data:").append(data.replace("\n", "\ndata:")).append("\n\n");
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }
}
