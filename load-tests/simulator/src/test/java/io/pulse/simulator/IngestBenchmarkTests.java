package io.pulse.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.sun.net.httpserver.HttpServer;
import io.pulse.simulator.IngestBenchmark.Options;
import io.pulse.simulator.IngestBenchmark.Report;
import io.pulse.simulator.IngestBenchmark.Samples;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.ParameterException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class IngestBenchmarkTests {

  private static final long MS = 1_000_000L;

  @Test
  void percentilesAreExactNearestRank() {
    long[] sorted = LongStream.rangeClosed(1, 100).toArray();

    assertThat(Samples.percentile(sorted, 0)).isEqualTo(1);
    assertThat(Samples.percentile(sorted, 50)).isEqualTo(50);
    assertThat(Samples.percentile(sorted, 90)).isEqualTo(90);
    assertThat(Samples.percentile(sorted, 99)).isEqualTo(99);
    assertThat(Samples.percentile(sorted, 99.5)).isEqualTo(100);
    assertThat(Samples.percentile(sorted, 100)).isEqualTo(100);
  }

  @Test
  void percentilesOfFewSamplesPickAnActualSample() {
    long[] sorted = {10, 20, 30, 40};

    assertThat(Samples.percentile(sorted, 25)).isEqualTo(10);
    assertThat(Samples.percentile(sorted, 26)).isEqualTo(20);
    assertThat(Samples.percentile(sorted, 50)).isEqualTo(20);
    assertThat(Samples.percentile(sorted, 99)).isEqualTo(40);
    assertThat(Samples.percentile(new long[] {7}, 50)).isEqualTo(7);
    assertThat(Samples.percentile(new long[0], 99)).isZero();
  }

  @Test
  void aPercentileOutsideZeroToHundredIsRefused() {
    assertThatIllegalArgumentException().isThrownBy(() -> Samples.percentile(new long[] {1}, -1));
    assertThatIllegalArgumentException().isThrownBy(() -> Samples.percentile(new long[] {1}, 101));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Samples.percentile(new long[] {1}, Double.NaN));
  }

  @Test
  void samplesGrowAndComeBackSorted() {
    Samples samples = new Samples();
    for (long v = 5_000; v > 0; v--) {
      samples.add(v);
    }

    long[] sorted = samples.sorted();

    assertThat(samples.size()).isEqualTo(5_000);
    assertThat(sorted).hasSize(5_000).startsWith(1, 2, 3).endsWith(4_999, 5_000);
  }

  @Test
  void throughputCountsStoredAndDuplicateEventsOverTheMeasuredWindowOnly() {
    // 600 requests of 500 events in 60 s; 10 of the events had been seen before.
    Report report = report(600, 300_000, 299_990, 10, 0, 60, latencies(600), 0, -1);

    assertThat(report.eventsPerSecond()).isEqualTo(5_000.0);
    assertThat(report.latencyMillis(50)).isEqualTo(300.0);
    assertThat(report.latencyMillis(99)).isEqualTo(594.0);
    assertThat(report.maxMillis()).isEqualTo(600.0);
    assertThat(report.sustained()).isFalse(); // no target: nothing to sustain
  }

  @Test
  void aFixedRateRunIsSustainedAtNinetyNinePercentOfTheTargetWithoutErrors() {
    long[] lat = latencies(100);

    assertThat(report(0, 0, 297_000, 0, 0, 60, lat, 5_000, 0).sustained()).isTrue();
    assertThat(report(0, 0, 296_000, 0, 0, 60, lat, 5_000, 0).sustained()).isFalse();
    assertThat(report(0, 0, 300_000, 0, 1, 60, lat, 5_000, 0).sustained()).isFalse();
  }

  @Test
  void theResultLineIsMachineReadableWhateverTheLocale() {
    Locale before = Locale.getDefault();
    Locale.setDefault(Locale.GERMANY);
    try {
      Report report = report(600, 300_000, 300_000, 0, 0, 60, latencies(600), 5_000, 12 * MS);

      String line = report.resultLine();

      assertThat(line)
          .startsWith("RESULT events_per_s=5000.0 p50_ms=300.0 p99_ms=594.0 ")
          .contains(" p90_ms=540.0 ", " max_ms=600.0 ", " requests=600 ", " errors=0 ")
          .contains(" target_rate=5000 ", " sustained=true ", " max_lag_ms=12")
          .doesNotContain(",")
          .doesNotContain("\n");
    } finally {
      Locale.setDefault(before);
    }
  }

  @Test
  void theHumanReportSaysWhetherTheTargetWasSustained() {
    String text = report(10, 5_000, 4_000, 0, 2, 10, latencies(10), 5_000, 900 * MS).format();

    assertThat(text)
        .contains("400.0 events/s (target 5,000: NOT sustained; latest start 900 ms behind")
        .contains("p50 5.0 ms, p90 9.0 ms, p99 10.0 ms, max 10.0 ms")
        .contains("errors 2");
    assertThat(report(10, 5_000, 5_000, 0, 0, 10, latencies(10), 0, -1).format())
        .contains("500.0 events/s (max rate)");
    assertThat(report(10, 5_000, 5_000, 0, 0, 10, latencies(10), 0, -1).resultLine())
        .contains(" sustained=n/a ", " target_rate=0 ");
  }

  private static Options parse(String... args) {
    return CommandLines.parse(new Options(), args);
  }

  @Test
  void noArgumentsGiveTheDocumentedDefaults() {
    Options options = parse();

    assertThat(options.url()).isEqualTo(URI.create("http://127.0.0.1:8080"));
    assertThat(options.dealers()).isEqualTo(10_000);
    assertThat(options.batch).isEqualTo(500);
    assertThat(options.concurrency).isEqualTo(8);
    assertThat(options.duration).isEqualTo(Duration.ofSeconds(60));
    assertThat(options.warmup).isEqualTo(Duration.ofSeconds(10));
    assertThat(options.rate).isZero();
    assertThat(options.seed()).isEqualTo(42);
    assertThat(options.importNetwork()).isTrue();
    assertThat(options.queueBatches).isEqualTo(256);
    assertThat(options.prime()).isTrue();
  }

  @Test
  void parsesEveryOption() {
    Options options =
        parse(
            "--url=http://127.0.0.1:18080",
            "--dealers",
            "2000",
            "--batch",
            "250",
            "--concurrency",
            "16",
            "--duration",
            "PT2M",
            "--warmup",
            "0",
            "--rate",
            "5000",
            "--seed",
            "7",
            "--queue",
            "64",
            "--no-import",
            "--no-prime");

    assertThat(options.url()).isEqualTo(URI.create("http://127.0.0.1:18080"));
    assertThat(options.dealers()).isEqualTo(2_000);
    assertThat(options.batch).isEqualTo(250);
    assertThat(options.concurrency).isEqualTo(16);
    assertThat(options.duration).isEqualTo(Duration.ofMinutes(2));
    assertThat(options.warmup).isZero();
    assertThat(options.rate).isEqualTo(5_000.0);
    assertThat(options.seed()).isEqualTo(7);
    assertThat(options.queueBatches).isEqualTo(64);
    assertThat(options.importNetwork()).isFalse();
    assertThat(options.prime()).isFalse();
    assertThat(parse("--duration", "90s").duration).isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void badArgumentsAreExplained() {
    assertThatExceptionOfType(ParameterException.class)
        .isThrownBy(() -> parse("--batch", "1001"))
        .withMessage("--batch: expected a whole number between 1 and 1000, got 1001");
    assertThatExceptionOfType(ParameterException.class)
        .isThrownBy(() -> parse("--duration", "0"))
        .withMessage("--duration: expected a positive duration, got 0");
    assertThatExceptionOfType(ParameterException.class)
        .isThrownBy(() -> parse("--warmup", "-PT1S"))
        .withMessageContaining("--warmup");
    assertThatExceptionOfType(ParameterException.class)
        .isThrownBy(() -> parse("--rate", "-5"))
        .withMessageContaining("--rate");
    assertThatExceptionOfType(ParameterException.class)
        .isThrownBy(() -> parse("--url", "ftp://x"))
        .withMessageContaining("--url");
    assertThatExceptionOfType(ParameterException.class)
        .isThrownBy(() -> parse("--bogus"))
        .withMessageContaining("--bogus");
    assertThatExceptionOfType(ParameterException.class)
        .isThrownBy(() -> parse("--seed"))
        .withMessageContaining("--seed");
  }

  @Test
  void helpListsEveryOptionAndABadValueExitsWithTwo() {
    CommandLineRun help = CommandLineRun.of(new Options(), "-h");
    CommandLineRun bad = CommandLineRun.of(new Options(), "--concurrency", "0");

    assertThat(help.exitCode()).isZero();
    assertThat(help.out())
        .contains("io.pulse.simulator.IngestBenchmark")
        .contains(
            "--url", "--dealers", "--batch", "--concurrency", "--duration", "--warmup", "--rate")
        .contains("--seed", "--queue", "--no-import", "--no-prime", "--help");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err())
        .startsWith(
            "pulse-ingest-benchmark: --concurrency: expected a whole number between 1 and 256");
    assertThat(help.runs() + bad.runs()).isZero();
  }

  @Test
  void drivesABackendAndReportsWhatItAccepted() throws Exception {
    JsonMapper json = JsonMapper.builder().build();
    AtomicInteger posts = new AtomicInteger();
    AtomicInteger badBodies = new AtomicInteger();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/api/v1/feedback/batch",
        exchange -> {
          JsonNode events = json.readTree(exchange.getRequestBody().readAllBytes());
          posts.incrementAndGet();
          if (!events.isArray() || events.size() != 20 || !events.get(0).has("eventId")) {
            badBodies.incrementAndGet();
          }
          byte[] reply =
              "{\"accepted\":%d,\"duplicates\":0,\"results\":[]}"
                  .formatted(events.size())
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, reply.length);
          try (OutputStream body = exchange.getResponseBody()) {
            body.write(reply);
          }
        });
    server.start();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      Options options =
          parse(
              "--url",
              "http://127.0.0.1:" + server.getAddress().getPort(),
              "--dealers",
              "200",
              "--batch",
              "20",
              "--concurrency",
              "2",
              "--duration",
              "1",
              "--warmup",
              "0",
              "--rate",
              "400",
              "--queue",
              "8",
              "--no-import",
              "--no-prime");
      int exit =
          new IngestBenchmark(options, new PrintStream(out, true, StandardCharsets.UTF_8), quiet())
              .run();

      assertThat(exit).isZero();
    } finally {
      server.stop(0);
    }
    String[] lines = out.toString(StandardCharsets.UTF_8).strip().split("\n");
    String result = lines[lines.length - 1];
    assertThat(badBodies).hasValue(0);
    // 400 events/s for 1 s in batches of 20: 20 requests, give or take the edges of the window.
    assertThat(posts.get()).isBetween(18, 21);
    assertThat(result).startsWith("RESULT events_per_s=").contains(" errors=0 ");
    double rate = Double.parseDouble(result.replaceAll(".*events_per_s=([0-9.]+).*", "$1"));
    assertThat(rate).isBetween(340.0, 420.0);
  }

  @Test
  void primesEveryDealerWithOneEventBeforeTheWarmUp() throws Exception {
    JsonMapper json = JsonMapper.builder().build();
    List<List<String>> bodies = new CopyOnWriteArrayList<>();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/api/v1/feedback/batch",
        exchange -> {
          JsonNode events = json.readTree(exchange.getRequestBody().readAllBytes());
          List<String> dealers = new ArrayList<>();
          events.forEach(e -> dealers.add(e.path("dealerId").asString()));
          bodies.add(dealers);
          byte[] reply =
              "{\"accepted\":%d,\"duplicates\":0,\"results\":[]}"
                  .formatted(events.size())
                  .getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, reply.length);
          try (OutputStream body = exchange.getResponseBody()) {
            body.write(reply);
          }
        });
    server.start();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      Options options =
          parse(
              "--url",
              "http://127.0.0.1:" + server.getAddress().getPort(),
              "--dealers",
              "50",
              "--batch",
              "20",
              "--concurrency",
              "1",
              "--duration",
              "1",
              "--warmup",
              "0",
              "--rate",
              "20",
              "--queue",
              "4",
              "--no-import");
      new IngestBenchmark(options, new PrintStream(out, true, StandardCharsets.UTF_8), quiet())
          .run();
    } finally {
      server.stop(0);
    }
    // 50 dealers in batches of 20: the first three requests hold each dealer exactly once.
    List<String> primed = new ArrayList<>();
    bodies.subList(0, 3).forEach(primed::addAll);
    assertThat(bodies.subList(0, 3)).extracting(List::size).containsExactly(20, 20, 10);
    assertThat(primed).doesNotHaveDuplicates().hasSize(50);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("primed 50 dealers with one event each in 3 requests of 20, 1 at a time");
  }

  private static PrintStream quiet() {
    return new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
  }

  /** 1 ms, 2 ms, ... n ms. */
  private static long[] latencies(int n) {
    return LongStream.rangeClosed(1, n).map(i -> i * MS).toArray();
  }

  private static Report report(
      long requests,
      long sent,
      long accepted,
      long duplicates,
      long errors,
      double seconds,
      long[] latencies,
      double target,
      long lagNanos) {
    return new Report(
        requests,
        sent,
        accepted,
        duplicates,
        errors,
        errors * 500,
        seconds,
        latencies,
        target,
        lagNanos,
        0);
  }
}
