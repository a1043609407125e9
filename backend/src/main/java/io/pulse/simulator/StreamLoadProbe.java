package io.pulse.simulator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Holds many dealer cabinets' index streams open at once and measures what they see: how many stay
 * connected, and the event-to-client latency of every update (the time it was received minus {@code
 * lastEventAcceptedAt} in its payload: both clocks are this machine's).
 *
 * <pre>
 * java -Dloader.main=io.pulse.simulator.StreamLoadProbe -cp backend/target/pulse-backend.jar \
 *      org.springframework.boot.loader.launch.PropertiesLauncher --url http://127.0.0.1:8080 \
 *      --streams 10000 --duration PT5M
 * </pre>
 *
 * The last line is machine-readable: {@code RESULT streams=… dropped=… p50_ms=… p99_ms=…}.
 */
public final class StreamLoadProbe {

  private static final Pattern ACCEPTED = Pattern.compile("\"lastEventAcceptedAt\":\"([^\"]+)\"");
  private static final Pattern SENT = Pattern.compile("\"sentAt\":\"([^\"]+)\"");

  /** Command line of the probe. */
  record Options(
      URI url,
      int streams,
      int dealers,
      long seed,
      String window,
      Duration duration,
      Duration ramp) {

    static Options parse(String[] args) {
      URI url = URI.create("http://127.0.0.1:8080");
      int streams = 10_000;
      int dealers = 10_000;
      long seed = 42;
      String window = "24h";
      Duration duration = Duration.ofMinutes(5);
      Duration ramp = Duration.ofSeconds(60);
      for (int i = 0; i < args.length; i++) {
        String value = i + 1 < args.length ? args[i + 1] : "";
        switch (args[i]) {
          case "--url" -> url = URI.create(value);
          case "--streams" -> streams = Integer.parseInt(value);
          case "--dealers" -> dealers = Integer.parseInt(value);
          case "--seed" -> seed = Long.parseLong(value);
          case "--window" -> window = value;
          case "--duration" -> duration = Duration.parse(value);
          case "--ramp" -> ramp = Duration.parse(value);
          default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
        i++;
      }
      return new Options(url, streams, dealers, seed, window, duration, ramp);
    }
  }

  private final LatencyHistogram eventToClient = new LatencyHistogram();
  private final LatencyHistogram sentToClient = new LatencyHistogram();
  private final AtomicInteger connected = new AtomicInteger();
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();
  private final AtomicInteger ended = new AtomicInteger();
  private final LongAdder snapshots = new LongAdder();
  private final LongAdder updates = new LongAdder();
  private final LongAdder heartbeats = new LongAdder();
  private volatile boolean stopping;

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    System.exit(new StreamLoadProbe().run(options) ? 0 : 1);
  }

  boolean run(Options o) throws InterruptedException {
    List<SimDealer> dealers = NetworkGenerator.generate(o.seed(), o.dealers(), 20, 85).dealers();
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    long rampNanosPerStream = o.ramp().toNanos() / Math.max(1, o.streams());
    long start = System.nanoTime();
    for (int i = 0; i < o.streams(); i++) {
      SimDealer dealer = dealers.get(i % dealers.size());
      open(http, o, dealer.id());
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
    long measureFrom = System.nanoTime();
    long end = measureFrom + o.duration().toNanos();
    while (System.nanoTime() < end) {
      Thread.sleep(Duration.ofSeconds(10));
      report("running");
    }
    stopping = true;
    report("final");
    int dropped = ended.get() + failed.get();
    System.out.printf(
        Locale.ROOT,
        "RESULT streams=%d open=%d dropped=%d updates=%d p50_ms=%d p90_ms=%d p99_ms=%d max_ms=%d sent_p99_ms=%d%n",
        o.streams(),
        open.get(),
        dropped,
        updates.sum(),
        eventToClient.percentile(50),
        eventToClient.percentile(90),
        eventToClient.percentile(99),
        eventToClient.max(),
        sentToClient.percentile(99));
    return dropped == 0 && open.get() == o.streams();
  }

  private void report(String label) {
    System.out.printf(
        Locale.ROOT,
        "%s: open %d, failed %d, ended %d, snapshots %d, updates %d, heartbeats %d, event-to-client p50 %d ms p99 %d ms max %d ms%n",
        label,
        open.get(),
        failed.get(),
        ended.get(),
        snapshots.sum(),
        updates.sum(),
        heartbeats.sum(),
        eventToClient.percentile(50),
        eventToClient.percentile(99),
        eventToClient.max());
  }

  private void open(HttpClient http, Options o, String dealerId) {
    HttpRequest request =
        HttpRequest.newBuilder(
                o.url().resolve("/api/v1/stream/dealers/" + dealerId + "?window=" + o.window()))
            .header("Accept", "text/event-stream")
            .GET()
            .build();
    CompletableFuture<HttpResponse<Void>> response =
        http.sendAsync(request, HttpResponse.BodyHandlers.fromLineSubscriber(new Lines()));
    response.whenComplete((r, e) -> {
      if (e != null || r.statusCode() != 200) {
        failed.incrementAndGet();
      }
    });
  }

  /** Parses one stream's lines; counts what arrives. */
  private final class Lines implements Flow.Subscriber<String> {
    private String event = "message";
    private boolean counted;

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      connected.incrementAndGet();
      open.incrementAndGet();
      counted = true;
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(String line) {
      if (line.startsWith(":")) {
        heartbeats.increment();
      } else if (line.startsWith("event:")) {
        event = line.substring(6).strip();
      } else if (line.startsWith("data:")) {
        long now = System.currentTimeMillis();
        if (event.equals("snapshot")) {
          snapshots.increment();
        } else if (event.equals("update")) {
          updates.increment();
          Instant accepted = instant(ACCEPTED.matcher(line));
          if (accepted != null) {
            eventToClient.record(now - accepted.toEpochMilli());
          }
          Instant sent = instant(SENT.matcher(line));
          if (sent != null) {
            sentToClient.record(now - sent.toEpochMilli());
          }
        }
      } else if (line.isEmpty()) {
        event = "message";
      }
    }

    @Override
    public void onError(Throwable throwable) {
      close();
    }

    @Override
    public void onComplete() {
      close();
    }

    private void close() {
      if (counted) {
        open.decrementAndGet();
        counted = false;
        if (!stopping) {
          ended.incrementAndGet();
        }
      }
    }
  }

  private static @org.jspecify.annotations.Nullable Instant instant(Matcher m) {
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
