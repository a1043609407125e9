package io.pulse.simulator;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.pulse.api.Dealer;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * Holds many dealer cabinets' index streams open at once and measures what they see: how many stay
 * connected, and the event-to-client latency of every update that carries a new event (the time it
 * was received minus {@code lastEventAcceptedAt} in its payload: both clocks are this machine's).
 *
 * <pre>
 * java -cp load-tests/simulator/target/pulse-simulator.jar io.pulse.simulator.StreamLoadProbe \
 *      --url http://127.0.0.1:8080 --streams 10000 --duration PT5M
 * </pre>
 *
 * Streams are plain HTTP/1.1 connections of Reactor Netty without a pool (one socket per stream, no
 * 500-connection cap), read on {@code --threads} event loops, all as one user ({@link
 * Credentials#basicAuthorization()}: {@code PULSE_USER}/{@code PULSE_PASSWORD}, the demo admin by
 * default), so the backend's {@code pulse.security.max-streams-per-user} must allow them. After the
 * ramp it prints {@code ramped: …}; it then measures for {@code --duration} ({@code 0}: until
 * SIGTERM/SIGINT). The last line is machine-readable: {@code RESULT streams=… dropped=… p50_ms=…
 * p99_ms=…}.
 *
 * <p>An update counts towards the latency only if its {@code lastEventAcceptedAt} is newer than
 * that of the stream's previous message: an update caused by the window sliding (an old event
 * leaving it) still carries the newest event's acceptance time, which may be minutes old, and is
 * counted as {@code stale} instead.
 */
public final class StreamLoadProbe {

  /** Command line of the probe. */
  @Command(
      name = "pulse-stream-probe",
      header = {
        "Pulse stream load probe: holds --streams dealer index streams open and measures how many"
            + " stay connected and the event-to-client latency of their updates. The last output"
            + " line is machine-readable (RESULT ...)."
      },
      customSynopsis = {
        "java -cp load-tests/simulator/target/pulse-simulator.jar \\",
        "       io.pulse.simulator.StreamLoadProbe [options]"
      },
      footer = {
        "",
        "Streams read as PULSE_USER / PULSE_PASSWORD (default: the demo admin); the backend's",
        "pulse.security.max-streams-per-user must allow --streams of them."
      })
  static final class Options implements CommandLines.Options {

    @Mixin private CommonOptions common = new CommonOptions();

    @Option(
        names = "--streams",
        paramLabel = "N",
        description = "streams to hold open (default ${DEFAULT-VALUE})")
    int streams = 10_000;

    @Option(
        names = "--first",
        paramLabel = "I",
        description =
            "index of the first stream's dealer (0-based): stream i watches dealer"
                + " (I + i) mod --dealers (default ${DEFAULT-VALUE})")
    int first;

    @Option(
        names = "--window",
        paramLabel = "W",
        description = "window of the streams, e.g. 1h, 24h, 30d (default ${DEFAULT-VALUE})")
    String window = "24h";

    @Option(
        names = "--duration",
        paramLabel = "D",
        description =
            "measured time after the ramp: ISO-8601 (PT5M) or seconds; 0 = until SIGTERM/SIGINT"
                + " (default ${DEFAULT-VALUE})")
    Duration duration = Duration.ofMinutes(5);

    @Option(
        names = "--ramp",
        paramLabel = "D",
        description = "time over which the streams are opened (default ${DEFAULT-VALUE})")
    Duration ramp = Duration.ofSeconds(60);

    @Option(
        names = "--threads",
        paramLabel = "N",
        description = "event loops reading the streams (default: the processors, ${DEFAULT-VALUE})")
    int threads = Runtime.getRuntime().availableProcessors();

    @Override
    public void check(CommandLines.Checks checks) {
      common.check(checks);
      checks.between("--streams", streams, 1, Integer.MAX_VALUE);
      checks.between("--first", first, 0, Integer.MAX_VALUE);
      checks.between("--threads", threads, 1, Integer.MAX_VALUE);
    }

    URI url() {
      return common.url;
    }

    int dealers() {
      return common.dealers;
    }

    long seed() {
      return common.seed;
    }

    /** Dealer of the {@code i}-th stream: {@code first}, {@code first + 1}, … round the network. */
    int dealerIndex(int i) {
      return (first + i) % common.dealers;
    }
  }

  private final LatencyHistogram eventToClient = new LatencyHistogram();
  private final LatencyHistogram eventToSent = new LatencyHistogram();
  private final LatencyHistogram sentToClient = new LatencyHistogram();
  private final AtomicInteger connected = new AtomicInteger();
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();
  private final AtomicInteger ended = new AtomicInteger();
  private final LongAdder snapshots = new LongAdder();
  private final LongAdder updates = new LongAdder();
  private final LongAdder stale = new LongAdder();
  private final LongAdder heartbeats = new LongAdder();
  private final AtomicBoolean reported = new AtomicBoolean();
  private volatile boolean stopping;
  private volatile @Nullable String firstFailure;

  /** Parses the command line, runs the probe and exits 0 if every stream stayed open. */
  public static void main(String[] args) {
    CommandLines.main(new Options(), StreamLoadProbe::runFor, args);
  }

  private static int runFor(Options options) throws InterruptedException {
    StreamLoadProbe probe = new StreamLoadProbe();
    // Stopped by SIGTERM/SIGINT (the normal end with --duration 0): still print the RESULT line.
    Runtime.getRuntime()
        .addShutdownHook(Thread.ofPlatform().unstarted(() -> probe.finish(options)));
    return probe.run(options) ? 0 : 1;
  }

  boolean run(Options o) throws InterruptedException {
    List<Dealer> dealers =
        NetworkGenerator.generate(
                o.seed(),
                o.dealers(),
                NetworkGenerator.DEFAULT_BRANDS,
                NetworkGenerator.DEFAULT_REGIONS)
            .dealers();
    LoopResources loops = LoopResources.create("probe", o.threads, true);
    HttpClient http =
        HttpClient.create(ConnectionProvider.newConnection())
            .runOn(loops)
            .baseUrl(o.url().toString())
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
            .headers(h ->
                h.set(HttpHeaderNames.ACCEPT, "text/event-stream")
                    .set(HttpHeaderNames.AUTHORIZATION, Credentials.basicAuthorization()));
    long rampNanosPerStream = o.ramp.toNanos() / o.streams;
    long start = System.nanoTime();
    for (int i = 0; i < o.streams; i++) {
      open(http, o, dealers.get(o.dealerIndex(i)).id());
      long due = start + (i + 1) * rampNanosPerStream;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        Thread.sleep(Duration.ofNanos(wait));
      }
      if ((i + 1) % 1000 == 0) {
        System.out.printf(
            Locale.ROOT,
            "opened %d, connected %d, failed %d%n",
            i + 1,
            connected.get(),
            failed.get());
      }
    }
    // Let the last connections of the ramp answer (a snapshot each) before calling it done.
    long settleUntil = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (connected.get() + failed.get() < o.streams && System.nanoTime() < settleUntil) {
      Thread.sleep(100);
    }
    System.out.printf(
        Locale.ROOT,
        "ramped: opened %d in %.1f s, connected %d, open %d, failed %d, snapshots %d%n",
        o.streams,
        (System.nanoTime() - start) / 1e9,
        connected.get(),
        open.get(),
        failed.get(),
        snapshots.sum());
    long measureFrom = System.nanoTime();
    boolean untilStopped = o.duration.isZero();
    long end = measureFrom + o.duration.toNanos();
    while (untilStopped || System.nanoTime() - end < 0) {
      long left = untilStopped ? Long.MAX_VALUE : (end - System.nanoTime()) / 1_000_000;
      Thread.sleep(Math.min(10_000, Math.max(1, left)));
      report("running");
    }
    return finish(o);
  }

  /** Prints the final report and the RESULT line once; true if every stream stayed open. */
  boolean finish(Options o) {
    stopping = true;
    int dropped = ended.get() + failed.get();
    boolean ok = dropped == 0 && open.get() == o.streams;
    if (!reported.compareAndSet(false, true)) {
      return ok;
    }
    report("final");
    String failure = firstFailure;
    if (failure != null) {
      System.out.println("first failure: " + failure);
    }
    System.out.printf(
        Locale.ROOT,
        "RESULT streams=%d open=%d dropped=%d connected=%d failed=%d ended=%d snapshots=%d"
            + " updates=%d fresh=%d stale=%d heartbeats=%d p50_ms=%d p90_ms=%d p99_ms=%d max_ms=%d"
            + " server_p50_ms=%d server_p99_ms=%d sent_p50_ms=%d sent_p99_ms=%d sent_max_ms=%d%n",
        o.streams,
        open.get(),
        dropped,
        connected.get(),
        failed.get(),
        ended.get(),
        snapshots.sum(),
        updates.sum(),
        eventToClient.count(),
        stale.sum(),
        heartbeats.sum(),
        eventToClient.percentile(50),
        eventToClient.percentile(90),
        eventToClient.percentile(99),
        eventToClient.max(),
        eventToSent.percentile(50),
        eventToSent.percentile(99),
        sentToClient.percentile(50),
        sentToClient.percentile(99),
        sentToClient.max());
    System.out.flush();
    return ok;
  }

  private void report(String label) {
    System.out.printf(
        Locale.ROOT,
        "%s: open %d, failed %d, ended %d, snapshots %d, updates %d (stale %d), heartbeats %d,"
            + " event-to-client p50 %d ms p99 %d ms max %d ms, sent-to-client p99 %d ms%n",
        label,
        open.get(),
        failed.get(),
        ended.get(),
        snapshots.sum(),
        updates.sum(),
        stale.sum(),
        heartbeats.sum(),
        eventToClient.percentile(50),
        eventToClient.percentile(99),
        eventToClient.max(),
        sentToClient.percentile(99));
  }

  private void open(HttpClient http, Options o, String dealerId) {
    AtomicBoolean counted = new AtomicBoolean();
    http.get()
        .uri("/api/v1/stream/dealers/" + dealerId + "?window=" + o.window)
        .response((response, body) -> {
          if (response.status().code() != 200) {
            return Mono.error(
                new IllegalStateException("HTTP " + response.status().code() + " for " + dealerId));
          }
          connected.incrementAndGet();
          open.incrementAndGet();
          counted.set(true);
          SseStream stream = new SseStream(new Counting());
          return body.doOnNext(buf -> stream.feed(bytes(buf), System.currentTimeMillis())).then();
        })
        .subscribe(
            null,
            error -> {
              if (firstFailure == null) {
                firstFailure = dealerId + ": " + error;
              }
              close(counted);
            },
            () -> close(counted));
  }

  private void close(AtomicBoolean counted) {
    if (counted.compareAndSet(true, false)) {
      open.decrementAndGet();
      if (!stopping) {
        ended.incrementAndGet();
      }
    } else if (!stopping) {
      failed.incrementAndGet();
    }
  }

  private static byte[] bytes(ByteBuf buf) {
    byte[] bytes = new byte[buf.readableBytes()];
    buf.getBytes(buf.readerIndex(), bytes);
    return bytes;
  }

  /** Adds what one stream sees to the probe's totals. */
  private final class Counting implements SseStream.Listener {
    @Override
    public void heartbeat() {
      heartbeats.increment();
    }

    @Override
    public void snapshot() {
      snapshots.increment();
    }

    @Override
    public void update(long nowMillis, @Nullable Instant accepted, @Nullable Instant sent) {
      updates.increment();
      if (sent != null) {
        sentToClient.record(nowMillis - sent.toEpochMilli());
      }
      if (accepted == null) {
        stale.increment();
        return;
      }
      eventToClient.record(nowMillis - accepted.toEpochMilli());
      if (sent != null) {
        eventToSent.record(sent.toEpochMilli() - accepted.toEpochMilli());
      }
    }
  }

  /**
   * One index stream's server-sent events, parsed from raw bytes in whatever chunks they arrive (an
   * event may span chunks, a chunk may hold several events). Reports each event when its closing
   * blank line arrives; an update carries {@code accepted} only if its {@code lastEventAcceptedAt}
   * is newer than that of the stream's previous snapshot or update.
   */
  static final class SseStream {

    private static final Pattern ACCEPTED = Pattern.compile("\"lastEventAcceptedAt\":\"([^\"]+)\"");
    private static final Pattern SENT = Pattern.compile("\"sentAt\":\"([^\"]+)\"");

    /** What a stream reports. */
    interface Listener {
      void heartbeat();

      void snapshot();

      /**
       * An update event. {@code accepted}: the acceptance time of a newly counted event, or null if
       * the update carries no event newer than the previous message (a stale update).
       */
      void update(long nowMillis, @Nullable Instant accepted, @Nullable Instant sent);
    }

    private final Listener listener;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    private String event = "message";
    private @Nullable String data;
    private @Nullable Instant lastAccepted;

    SseStream(Listener listener) {
      this.listener = listener;
    }

    void feed(byte[] chunk, long nowMillis) {
      for (byte b : chunk) {
        if (b == '\n') {
          byte[] raw = line.toByteArray();
          int n = raw.length > 0 && raw[raw.length - 1] == '\r' ? raw.length - 1 : raw.length;
          line.reset();
          onLine(new String(raw, 0, n, StandardCharsets.UTF_8), nowMillis);
        } else {
          line.write(b);
        }
      }
    }

    private void onLine(String text, long nowMillis) {
      if (text.isEmpty()) {
        dispatch(nowMillis);
      } else if (text.startsWith(":")) {
        listener.heartbeat();
      } else if (text.startsWith("event:")) {
        event = text.substring(6).strip();
      } else if (text.startsWith("data:")) {
        String value = text.substring(5);
        value = value.startsWith(" ") ? value.substring(1) : value;
        data = data == null ? value : data + "\n" + value;
      }
    }

    private void dispatch(long nowMillis) {
      String payload = data;
      String type = event;
      event = "message";
      data = null;
      if (payload == null) {
        return;
      }
      Instant accepted = instant(ACCEPTED.matcher(payload));
      boolean fresh = accepted != null && (lastAccepted == null || accepted.isAfter(lastAccepted));
      if (fresh) {
        lastAccepted = accepted;
      }
      switch (type) {
        case "snapshot" -> listener.snapshot();
        case "update" ->
            listener.update(nowMillis, fresh ? accepted : null, instant(SENT.matcher(payload)));
        default -> {
          // Not an index event; nothing to count.
        }
      }
    }

    private static @Nullable Instant instant(Matcher m) {
      if (!m.find()) {
        return null;
      }
      try {
        return Instant.parse(m.group(1));
      } catch (DateTimeParseException e) {
        return null;
      }
    }
  }
}
