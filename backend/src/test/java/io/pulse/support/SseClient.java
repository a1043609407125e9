package io.pulse.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A small server-sent events client that parses the stream exactly as the WHATWG HTML spec says
 * (fields, comments, multi-line data, {@code id}, {@code retry}), independent of Spring's codec, so
 * tests check what any browser or SSE library would see.
 */
public final class SseClient implements AutoCloseable {

  /** A dispatched event, or a comment line (event {@code null}, comment set). */
  public record Message(
      @Nullable String event,
      @Nullable String id,
      @Nullable String data,
      @Nullable Long retry,
      @Nullable String comment) {
    public boolean isComment() {
      return comment != null;
    }
  }

  private final BlockingQueue<Message> messages = new LinkedBlockingQueue<>();
  private final HttpResponse<InputStream> response;
  private final Thread reader;

  private SseClient(HttpResponse<InputStream> response) {
    this.response = response;
    this.reader = Thread.ofVirtual().start(this::read);
  }

  public static SseClient connect(String url, Map<String, String> headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream").GET();
    if (!headers.containsKey("Authorization")) {
      request.header("Authorization", TestClockConfiguration.ADMIN);
    }
    headers.forEach(request::header);
    HttpResponse<InputStream> response =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .build()
            .send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    return new SseClient(response);
  }

  public int status() {
    return response.statusCode();
  }

  public HttpHeaders headers() {
    return response.headers();
  }

  /** The next event or comment, or null after the timeout. */
  public @Nullable Message next(Duration timeout) throws InterruptedException {
    return messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The next dispatched event (skipping comments), or null after the timeout. */
  public @Nullable Message nextEvent(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Message m = next(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
      if (m == null || !m.isComment()) {
        return m;
      }
    }
  }

  /** Every event received until {@code quiet} passes with nothing new. */
  public List<Message> drainEvents(Duration quiet) throws InterruptedException {
    List<Message> out = new ArrayList<>();
    Message m;
    while ((m = nextEvent(quiet)) != null) {
      out.add(m);
    }
    return out;
  }

  private void read() {
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      String event = null;
      String id = null;
      StringBuilder data = null;
      Long retry = null;
      String line;
      // BufferedReader.readLine splits on \n, \r and \r\n: the three line ends the spec allows.
      while ((line = in.readLine()) != null) {
        if (line.isEmpty()) {
          if (data != null) {
            messages.add(
                new Message(event == null ? "message" : event, id, data.toString(), retry, null));
          }
          event = null;
          data = null;
          retry = null;
          continue;
        }
        if (line.startsWith(":")) {
          messages.add(new Message(null, null, null, null, line.substring(1).strip()));
          continue;
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) {
          value = value.substring(1);
        }
        switch (field) {
          case "event" -> event = value;
          case "data" ->
              data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
          case "id" -> {
            if (!value.contains("\0")) {
              id = value;
            }
          }
          case "retry" -> {
            if (value.chars().allMatch(Character::isDigit) && !value.isEmpty()) {
              retry = Long.parseLong(value);
            }
          }
          default -> {
            // unknown fields are ignored, as the spec says
          }
        }
      }
    } catch (IOException e) {
      // closed
    }
  }

  /** True once the server has closed the stream. */
  public boolean closedByServer(Duration within) throws InterruptedException {
    reader.join(within);
    return !reader.isAlive();
  }

  @Override
  public void close() throws IOException {
    response.body().close();
    reader.interrupt();
  }
}
