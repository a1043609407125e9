package io.pulse.simulator;

import io.pulse.api.Dealer;
import io.pulse.api.FeedbackEvent;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Load mode of the simulator: drives {@code POST /api/v1/feedback/batch} as hard as asked (or at a
 * fixed rate) and measures sustained events per second and per-request latency.
 *
 * <p>Events come from the same generators as the simulator (realistic per-dealer skew from {@link
 * DealerTraffic}); a background producer builds and serialises whole request bodies ahead of time,
 * so that generating events does not limit the client. Requests completed during the warm-up are
 * not counted.
 *
 * <p>Before the warm-up, the benchmark primes the backend with one event per dealer: the first
 * event of a dealer (and of a brand × region cell) makes the backend initialise that scope's
 * aggregates from PostgreSQL, which is a one-off cost of a fresh deployment, not of steady-state
 * ingest. The priming time is printed as the cold-start figure; {@code --no-prime} measures without
 * it. The last line of the output is machine-readable: {@code RESULT events_per_s=… p50_ms=…
 * p99_ms=… …}.
 *
 * <pre>
 * java -cp load-tests/simulator/target/pulse-simulator.jar io.pulse.simulator.IngestBenchmark \
 *      --url http://127.0.0.1:8080
 * </pre>
 */
public final class IngestBenchmark {

  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration PRIME_REQUEST_TIMEOUT = Duration.ofMinutes(10);
  // Priming makes the backend initialise a scope per new dealer and cell: keep it gentle.
  private static final int PRIME_MAX_BATCH = 100;
  private static final int PRIME_MAX_CONCURRENCY = 2;
  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(5);

  /** Share of the target rate a fixed-rate run must reach to count as sustained. */
  static final double SUSTAINED_SHARE = 0.99;

  private static final Pattern ACCEPTED = Pattern.compile("\"accepted\"\\s*:\\s*(\\d+)");
  private static final Pattern DUPLICATES = Pattern.compile("\"duplicates\"\\s*:\\s*(\\d+)");

  private final Options options;
  private final PrintStream out;
  private final PrintStream err;
  private final HttpClient http;
  private final URI batchUri;
  private final BlockingQueue<Batch> queue;

  // Counted only for requests that complete inside the measured window.
  private final Samples latencies = new Samples();
  private final LongAdder requests = new LongAdder();
  private final LongAdder eventsSent = new LongAdder();
  private final LongAdder eventsAccepted = new LongAdder();
  private final LongAdder duplicates = new LongAdder();
  private final LongAdder errorRequests = new LongAdder();
  private final LongAdder errorEvents = new LongAdder();
  private final AtomicLong maxLagNanos = new AtomicLong();
  // Counted over the whole run, for the progress lines.
  private final LongAdder allEventsDone = new LongAdder();
  private final LongAdder allErrors = new LongAdder();
  private final LongAdder producerWaitNanos = new LongAdder();
  private final AtomicLong nextBatch = new AtomicLong();

  private volatile long startNanos;
  private volatile long measureFromNanos;
  private volatile long measureUntilNanos;
  private volatile boolean stop;

  IngestBenchmark(Options options, PrintStream out, PrintStream err) {
    this.options = options;
    this.out = out;
    this.err = err;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    String base = options.url().toString();
    this.batchUri =
        URI.create(
            (base.endsWith("/") ? base.substring(0, base.length() - 1) : base)
                + PulseClient.BATCH_PATH);
    this.queue = new ArrayBlockingQueue<>(options.queueBatches);
  }

  /** Parses the command line, runs the benchmark and exits non-zero if it could not run. */
  public static void main(String[] args) {
    CommandLines.main(new Options(), IngestBenchmark::runFor, args);
  }

  private static int runFor(Options options) {
    try {
      return new IngestBenchmark(options, System.out, System.err).run();
    } catch (InterruptedException e) {
      return 1;
    }
  }

  /** One request body, serialised ahead of time. */
  record Batch(byte[] body, int events) {}

  int run() throws InterruptedException {
    SimulatedNetwork network =
        NetworkGenerator.generate(
            options.seed(),
            options.dealers(),
            NetworkGenerator.DEFAULT_BRANDS,
            NetworkGenerator.DEFAULT_REGIONS);
    PulseClient client = new PulseClient(options.url(), m -> err.println("warning: " + m));
    if (options.importNetwork()) {
      long began = System.nanoTime();
      try {
        client.importNetwork(network);
      } catch (PulseClientException e) {
        err.println("pulse-ingest-benchmark: " + e.getMessage());
        return 1;
      }
      out.printf(
          Locale.ROOT,
          "imported %,d dealers in %.1f s%n",
          network.dealers().size(),
          (System.nanoTime() - began) / 1e9);
    }

    if (options.prime()) {
      prime(network);
    }
    Thread producer =
        Thread.ofPlatform().name("bench-producer").daemon(true).start(() -> produce(network));
    // Fill the queue before the clock starts: the first seconds should not wait for generation.
    long prefillStart = System.nanoTime();
    while (queue.remainingCapacity() > 0 && producer.isAlive()) {
      Thread.sleep(20);
    }
    if (!producer.isAlive()) {
      err.println("pulse-ingest-benchmark: the event producer died");
      return 1;
    }
    out.printf(
        Locale.ROOT,
        "pre-generated %,d batches of %d events in %.1f s%n",
        options.queueBatches,
        options.batch,
        (System.nanoTime() - prefillStart) / 1e9);
    out.printf(
        Locale.ROOT,
        "running: %s, batch %d, concurrency %d, warm-up %s, measured %s%n",
        options.rate > 0 ? "%,.0f events/s".formatted(options.rate) : "max rate",
        options.batch,
        options.concurrency,
        options.warmup,
        options.duration);

    startNanos = System.nanoTime();
    measureFromNanos = startNanos + options.warmup.toNanos();
    measureUntilNanos = measureFromNanos + options.duration.toNanos();
    ScheduledExecutorService progress =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("bench-progress").daemon(true).factory());
    long every = PROGRESS_INTERVAL.toMillis();
    long[] last = {startNanos, 0};
    progress.scheduleAtFixedRate(() -> progress(last), every, every, TimeUnit.MILLISECONDS);

    List<Thread> senders = new ArrayList<>();
    for (int i = 0; i < options.concurrency; i++) {
      senders.add(Thread.ofPlatform().name("bench-sender-" + i).start(this::sendLoop));
    }
    long untilNanos = measureUntilNanos;
    while (System.nanoTime() < untilNanos) {
      LockSupport.parkNanos(Math.min(100_000_000L, untilNanos - System.nanoTime()));
    }
    stop = true;
    long drainDeadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
    for (Thread sender : senders) {
      sender.join(Math.max(1, (drainDeadline - System.nanoTime()) / 1_000_000));
    }
    progress.shutdownNow();
    producer.interrupt();

    Report report = report();
    out.print(report.format());
    out.println(report.resultLine());
    out.flush();
    return report.eventsAccepted() > 0 ? 0 : 1;
  }

  Report report() {
    return new Report(
        requests.sum(),
        eventsSent.sum(),
        eventsAccepted.sum(),
        duplicates.sum(),
        errorRequests.sum(),
        errorEvents.sum(),
        options.duration.toNanos() / 1e9,
        latencies.sorted(),
        options.rate,
        options.rate > 0 ? maxLagNanos.get() : -1,
        producerWaitNanos.sum());
  }

  private FeedbackGenerator generator(SimulatedNetwork network, Instant start) {
    Duration past = Duration.ofDays(30);
    return new FeedbackGenerator(
        network, start.minus(past), past.plus(options.warmup).plus(options.duration).plusHours(1));
  }

  /**
   * Sends one event for every dealer, in requests of at most {@value #PRIME_MAX_BATCH} events and
   * at most {@value #PRIME_MAX_CONCURRENCY} at a time, and prints how long that took and how many
   * requests failed (the run goes on: the backend counts stored events once it can).
   */
  private void prime(SimulatedNetwork network) throws InterruptedException {
    Instant now = Instant.now();
    RandomGenerator rng =
        new SplittableRandom(NetworkGenerator.mix(options.seed() + 4, now.toEpochMilli()));
    FeedbackGenerator generator = generator(network, now);
    List<Dealer> dealers = network.dealers();
    List<byte[]> bodies = new ArrayList<>();
    int batch = Math.min(options.batch, PRIME_MAX_BATCH);
    for (int from = 0; from < dealers.size(); from += batch) {
      List<FeedbackEvent> events = new ArrayList<>(batch);
      for (Dealer dealer : dealers.subList(from, Math.min(dealers.size(), from + batch))) {
        events.add(generator.next(dealer, rng, now));
      }
      bodies.add(PulseClient.batchBody(events));
    }
    AtomicLong next = new AtomicLong();
    LongAdder failures = new LongAdder();
    long began = System.nanoTime();
    List<Thread> threads = new ArrayList<>();
    int concurrency = Math.min(options.concurrency, PRIME_MAX_CONCURRENCY);
    for (int i = 0; i < Math.min(concurrency, bodies.size()); i++) {
      threads.add(
          Thread.ofPlatform()
              .name("bench-prime-" + i)
              .start(() -> {
                for (long k = next.getAndIncrement();
                    k < bodies.size();
                    k = next.getAndIncrement()) {
                  try {
                    HttpResponse<String> response =
                        post(bodies.get((int) k), PRIME_REQUEST_TIMEOUT);
                    if (response.statusCode() != 200) {
                      failures.increment();
                      err.println(
                          "pulse-ingest-benchmark: priming request failed: HTTP "
                              + response.statusCode()
                              + " "
                              + abbreviate(response.body()));
                    }
                  } catch (IOException e) {
                    failures.increment();
                    err.println("pulse-ingest-benchmark: priming request failed: " + e);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                  }
                }
              }));
    }
    for (Thread thread : threads) {
      thread.join();
    }
    double seconds = (System.nanoTime() - began) / 1e9;
    out.printf(
        Locale.ROOT,
        "primed %,d dealers with one event each in %d requests of %d, %d at a time: %.1f s,"
            + " %.0f dealers/s, %d requests failed (cold start: first event of each scope)%n",
        dealers.size(),
        bodies.size(),
        batch,
        concurrency,
        seconds,
        dealers.size() / Math.max(1e-3, seconds),
        failures.sum());
  }

  private HttpResponse<String> post(byte[] body, Duration timeout)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(batchUri)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, application/problem+json")
            .header("User-Agent", "pulse-ingest-benchmark")
            .header(Credentials.API_KEY_HEADER, Credentials.ingestKey())
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private void produce(SimulatedNetwork network) {
    Instant start = Instant.now();
    // Event ids depend on the start time too, so a second run against the same database is new.
    RandomGenerator rng =
        new SplittableRandom(NetworkGenerator.mix(options.seed() + 3, start.toEpochMilli()));
    FeedbackGenerator generator = generator(network, start);
    DealerTraffic traffic = new DealerTraffic(network);
    try {
      while (!stop) {
        Instant now = Instant.now();
        List<FeedbackEvent> events = new ArrayList<>(options.batch);
        for (int i = 0; i < options.batch; i++) {
          events.add(generator.next(traffic.pick(rng, now), rng, now));
        }
        byte[] body = PulseClient.batchBody(events);
        queue.put(new Batch(body, events.size()));
      }
    } catch (InterruptedException e) {
      // the run is over
    } catch (RuntimeException e) {
      err.println("pulse-ingest-benchmark: event producer failed: " + e);
    }
  }

  private void sendLoop() {
    try {
      while (!stop) {
        long due = -1;
        if (options.rate > 0) {
          // Batch k is due k × batch / rate after the start, whoever sends it.
          long k = nextBatch.getAndIncrement();
          due = startNanos + (long) (k * (double) options.batch * 1e9 / options.rate);
          if (due >= measureUntilNanos) {
            return;
          }
          long wait;
          while ((wait = due - System.nanoTime()) > 0 && !stop) {
            LockSupport.parkNanos(wait);
          }
        }
        Batch batch = nextBody();
        if (batch == null || stop) {
          return;
        }
        send(batch, due);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The next pre-generated body, waiting for the producer if it fell behind; null at the end. */
  private @Nullable Batch nextBody() throws InterruptedException {
    Batch batch = queue.poll();
    if (batch != null) {
      return batch;
    }
    long waitStart = System.nanoTime();
    try {
      while (batch == null && !stop) {
        batch = queue.poll(100, TimeUnit.MILLISECONDS);
      }
      return batch;
    } finally {
      producerWaitNanos.add(System.nanoTime() - waitStart);
    }
  }

  private void send(Batch batch, long due) throws InterruptedException {
    long began = System.nanoTime();
    int status = -1;
    String body = "";
    try {
      HttpResponse<String> response = post(batch.body(), REQUEST_TIMEOUT);
      status = response.statusCode();
      body = response.body();
    } catch (IOException e) {
      body = e.toString();
    }
    long ended = System.nanoTime();
    allEventsDone.add(batch.events());
    boolean ok = status == 200;
    long accepted = ok ? count(ACCEPTED, body, batch.events()) : 0;
    if (!ok) {
      allErrors.increment();
      if (allErrors.sum() <= 5) {
        err.println(
            "pulse-ingest-benchmark: request failed: "
                + (status < 0 ? "" : "HTTP " + status + " ")
                + abbreviate(body));
      }
    }
    if (ended < measureFromNanos || ended >= measureUntilNanos) {
      return;
    }
    latencies.add(ended - began);
    requests.increment();
    eventsSent.add(batch.events());
    if (ok) {
      eventsAccepted.add(accepted);
      duplicates.add(count(DUPLICATES, body, 0));
    } else {
      errorRequests.increment();
      errorEvents.add(batch.events());
    }
    if (due >= 0) {
      maxLagNanos.accumulateAndGet(began - due, Math::max);
    }
  }

  private static long count(Pattern field, String body, long fallback) {
    // The totals come first in the reply; no need to parse 500 per-event results.
    Matcher m = field.matcher(body);
    return m.find() ? Long.parseLong(m.group(1)) : fallback;
  }

  private static String abbreviate(String text) {
    return text.length() <= 400 ? text : text.substring(0, 400) + "…";
  }

  private void progress(long[] last) {
    long now = System.nanoTime();
    long done = allEventsDone.sum();
    double rate = (done - last[1]) / Math.max(1e-3, (now - last[0]) / 1e9);
    last[0] = now;
    last[1] = done;
    String phase = now < measureFromNanos ? "warm-up" : "measure";
    out.printf(
        Locale.ROOT,
        "[%4ds] %-7s %,d events done  %,.0f events/s  errors %,d  queued batches %d%n",
        (now - startNanos) / 1_000_000_000L,
        phase,
        done,
        rate,
        allErrors.sum(),
        queue.size());
  }

  // ---------------------------------------------------------------------------------------------
  // Samples and the report
  // ---------------------------------------------------------------------------------------------

  /** Latency samples in nanoseconds; thread-safe appends, exact percentiles. */
  static final class Samples {
    private long[] values = new long[1024];
    private int size;

    synchronized void add(long value) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = value;
    }

    synchronized int size() {
      return size;
    }

    /** A sorted copy of the samples. */
    synchronized long[] sorted() {
      long[] copy = Arrays.copyOf(values, size);
      Arrays.sort(copy);
      return copy;
    }

    /**
     * The exact nearest-rank percentile of sorted samples: the smallest sample such that at least
     * {@code p} percent of the samples are at most it; the minimum for p = 0; 0 when there are no
     * samples.
     */
    static long percentile(long[] sorted, double p) {
      if (!(p >= 0 && p <= 100)) {
        throw new IllegalArgumentException("percentile must be from 0 to 100, was " + p);
      }
      if (sorted.length == 0) {
        return 0;
      }
      int rank = (int) Math.ceil(p / 100.0 * sorted.length);
      return sorted[Math.clamp(rank - 1, 0, sorted.length - 1)];
    }
  }

  /**
   * What a run measured, over the measured window only.
   *
   * @param requests requests completed in the window
   * @param eventsSent events in those requests
   * @param eventsAccepted events the backend stored now
   * @param duplicates events the backend had seen before
   * @param errorRequests requests that failed (no answer, or not 200)
   * @param errorEvents events in failed requests
   * @param seconds length of the measured window
   * @param sortedLatencyNanos per-request latencies, sorted
   * @param targetRate asked events per second; 0 for "as fast as possible"
   * @param maxLagNanos how late the latest request started against the pacer's schedule; −1 when
   *     not paced
   * @param producerWaitNanos time senders waited for the producer (a client-side limit if large)
   */
  record Report(
      long requests,
      long eventsSent,
      long eventsAccepted,
      long duplicates,
      long errorRequests,
      long errorEvents,
      double seconds,
      long[] sortedLatencyNanos,
      double targetRate,
      long maxLagNanos,
      long producerWaitNanos) {

    /** Events the backend took (stored or already had) per second of the measured window. */
    double eventsPerSecond() {
      return seconds > 0 ? (eventsAccepted + duplicates) / seconds : 0;
    }

    double latencyMillis(double percentile) {
      return Samples.percentile(sortedLatencyNanos, percentile) / 1e6;
    }

    double maxMillis() {
      return sortedLatencyNanos.length == 0
          ? 0
          : sortedLatencyNanos[sortedLatencyNanos.length - 1] / 1e6;
    }

    /** For a fixed-rate run: reached 99 % of the target with no errors. */
    boolean sustained() {
      return targetRate > 0
          && errorRequests == 0
          && eventsPerSecond() >= SUSTAINED_SHARE * targetRate;
    }

    String format() {
      StringBuilder text = new StringBuilder();
      text.append(line("measured window", "%.1f s (after the warm-up)", seconds));
      text.append(line("requests", "%,d (errors %,d)", requests, errorRequests));
      text.append(
          line(
              "events",
              "sent %,d, accepted %,d, duplicates %,d, in failed requests %,d",
              eventsSent,
              eventsAccepted,
              duplicates,
              errorEvents));
      if (targetRate > 0) {
        text.append(
            line(
                "throughput",
                "%,.1f events/s (target %,.0f: %s; latest start %.0f ms behind schedule)",
                eventsPerSecond(),
                targetRate,
                sustained() ? "sustained" : "NOT sustained",
                maxLagNanos / 1e6));
      } else {
        text.append(line("throughput", "%,.1f events/s (max rate)", eventsPerSecond()));
      }
      text.append(
          line(
              "latency",
              "p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms (per request)",
              latencyMillis(50),
              latencyMillis(90),
              latencyMillis(99),
              maxMillis()));
      if (producerWaitNanos > 0) {
        text.append(
            line(
                "client",
                "senders waited %.0f ms in all for generated events",
                producerWaitNanos / 1e6));
      }
      return text.toString();
    }

    /** The machine-readable summary, e.g. for a script: {@code RESULT events_per_s=… …}. */
    String resultLine() {
      return String.format(
          Locale.ROOT,
          "RESULT events_per_s=%.1f p50_ms=%.1f p99_ms=%.1f p90_ms=%.1f max_ms=%.1f"
              + " requests=%d events_sent=%d events_accepted=%d duplicates=%d errors=%d"
              + " error_events=%d seconds=%.1f target_rate=%.0f sustained=%s max_lag_ms=%.0f",
          eventsPerSecond(),
          latencyMillis(50),
          latencyMillis(99),
          latencyMillis(90),
          maxMillis(),
          requests,
          eventsSent,
          eventsAccepted,
          duplicates,
          errorRequests,
          errorEvents,
          seconds,
          targetRate,
          targetRate > 0 ? Boolean.toString(sustained()) : "n/a",
          maxLagNanos < 0 ? -1 : maxLagNanos / 1e6);
    }

    private static String line(String label, String format, Object... args) {
      return String.format(
          Locale.ROOT, "%-16s %s%n", label, String.format(Locale.ROOT, format, args));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Command line
  // ---------------------------------------------------------------------------------------------

  /** The benchmark's command line. */
  @Command(
      name = "pulse-ingest-benchmark",
      header = {
        "Pulse ingest benchmark: sustained load on POST /api/v1/feedback/batch, with events/s and"
            + " per-request latency percentiles. The last output line is machine-readable"
            + " (RESULT ...)."
      },
      customSynopsis = {
        "java -cp load-tests/simulator/target/pulse-simulator.jar \\",
        "       io.pulse.simulator.IngestBenchmark [options]"
      },
      footer = {
        "",
        "Events are sent with the ingest key PULSE_INGEST_KEY (default: the backend's demo key)."
      })
  static final class Options implements CommandLines.Options {

    @Mixin private CommonOptions common = new CommonOptions();

    @Option(
        names = "--batch",
        paramLabel = "N",
        description =
            "events per request, 1 to "
                + PulseClient.MAX_EVENTS_PER_BATCH
                + " (default ${DEFAULT-VALUE})")
    int batch = 500;

    @Option(
        names = "--concurrency",
        paramLabel = "N",
        description = "requests in flight (default ${DEFAULT-VALUE})")
    int concurrency = 8;

    @Option(
        names = "--duration",
        paramLabel = "D",
        description = "measured time: ISO-8601 (PT60S) or seconds (default ${DEFAULT-VALUE})")
    Duration duration = Duration.ofSeconds(60);

    @Option(
        names = "--warmup",
        paramLabel = "D",
        description = "time before measuring, not counted (default ${DEFAULT-VALUE})")
    Duration warmup = Duration.ofSeconds(10);

    @Option(
        names = "--rate",
        paramLabel = "R",
        description = "target events/s; 0 = as fast as possible (default ${DEFAULT-VALUE})")
    double rate;

    @Option(
        names = "--queue",
        paramLabel = "N",
        description = "request bodies generated ahead of time (default ${DEFAULT-VALUE})")
    int queueBatches = 256;

    @Option(names = "--no-import", description = "do not import the network (it is already loaded)")
    private boolean noImport;

    @Option(
        names = "--no-prime",
        description =
            "skip priming: by default one event per dealer is sent before the warm-up (100 per"
                + " request, 2 at a time), so the run measures steady state, not each dealer's"
                + " first event (then the warm-up and the run include the cold start)")
    private boolean noPrime;

    @Override
    public void check(CommandLines.Checks checks) {
      common.check(checks);
      checks.between("--batch", batch, 1, PulseClient.MAX_EVENTS_PER_BATCH);
      checks.between("--concurrency", concurrency, 1, 256);
      checks.positive("--duration", duration);
      checks.between("--rate", rate, 0, 10_000_000, "events per second (0 = as fast as possible)");
      checks.between("--queue", queueBatches, 1, 100_000);
    }

    /** Backend base URL. */
    URI url() {
      return common.url;
    }

    /** Dealers in the generated network. */
    int dealers() {
      return common.dealers;
    }

    /** Seed of the network and the events. */
    long seed() {
      return common.seed;
    }

    /** Whether to import the network first. */
    boolean importNetwork() {
      return !noImport;
    }

    /** Whether to send one event per dealer before the warm-up. */
    boolean prime() {
      return !noPrime;
    }
  }
}
