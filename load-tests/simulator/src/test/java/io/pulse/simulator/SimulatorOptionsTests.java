package io.pulse.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine.ParameterException;

class SimulatorOptionsTests {

  private static SimulatorOptions parse(String... args) {
    return CommandLines.parse(new SimulatorOptions(), args);
  }

  @Test
  void noArgumentsGiveTheDocumentedDefaults() {
    SimulatorOptions options = parse();

    assertThat(options.url()).isEqualTo(URI.create("http://127.0.0.1:8080"));
    assertThat(options.rate()).isEqualTo(20.0);
    assertThat(options.duration()).isNull();
    assertThat(options.seed()).isEqualTo(42);
    assertThat(options.dealers()).isEqualTo(10_000);
    assertThat(options.brands()).isEqualTo(20);
    assertThat(options.regions()).isEqualTo(85);
    assertThat(options.historyDays()).isZero();
    assertThat(options.historyEvents()).isEqualTo(200_000);
    assertThat(options.concurrency()).isEqualTo(4);
    assertThat(options.importNetwork()).isTrue();
    assertThat(options.quiet()).isFalse();
  }

  @Test
  void parsesEveryOption() {
    SimulatorOptions options =
        parse(
            "--url",
            "http://pulse.local:9090",
            "--rate",
            "50",
            "--duration",
            "PT10M",
            "--seed",
            "7",
            "--dealers",
            "12_000",
            "--brands",
            "25",
            "--regions",
            "40",
            "--history-days",
            "30",
            "--history-events",
            "50000",
            "--concurrency",
            "8",
            "--no-import",
            "--quiet");

    assertThat(options.url()).isEqualTo(URI.create("http://pulse.local:9090"));
    assertThat(options.rate()).isEqualTo(50.0);
    assertThat(options.duration()).isEqualTo(Duration.ofMinutes(10));
    assertThat(options.seed()).isEqualTo(7);
    assertThat(options.dealers()).isEqualTo(12_000);
    assertThat(options.brands()).isEqualTo(25);
    assertThat(options.regions()).isEqualTo(40);
    assertThat(options.historyDays()).isEqualTo(30);
    assertThat(options.historyEvents()).isEqualTo(50_000);
    assertThat(options.concurrency()).isEqualTo(8);
    assertThat(options.importNetwork()).isFalse();
    assertThat(options.quiet()).isTrue();
    assertThat(parse("-q").quiet()).isTrue();
  }

  @Test
  void acceptsNameEqualsValueAndNegativeSeeds() {
    SimulatorOptions options = parse("--rate=2.5", "--duration=90", "--seed=-3");

    assertThat(options.rate()).isEqualTo(2.5);
    assertThat(options.duration()).isEqualTo(Duration.ofSeconds(90));
    assertThat(options.seed()).isEqualTo(-3);
    assertThat(parse("--seed", "-3").seed()).isEqualTo(-3);
  }

  @ParameterizedTest
  @CsvSource({"PT10M, 600", "pt1h, 3600", "600, 600", "45s, 45", "10m, 600", "2h, 7200"})
  void durationIsIso8601OrSeconds(String text, long seconds) {
    assertThat(parse("--duration", text).duration()).isEqualTo(Duration.ofSeconds(seconds));
  }

  @Test
  void zeroRateMeansNoLiveFeed() {
    assertThat(parse("--rate", "0").rate()).isZero();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "--rate|abc|--rate",
        "--rate|-1|--rate: expected events per second from 0 to 100000",
        "--rate|NaN|--rate: expected events per second from 0 to 100000",
        "--dealers|0|--dealers: expected a whole number between 1 and 1000000",
        "--dealers|ten|expected a whole number, got 'ten'",
        "--regions|86|--regions: expected a whole number between 1 and 85",
        "--brands|0|--brands: expected a whole number between 1 and 200",
        "--history-days|-2|--history-days: expected a whole number between 0 and 400",
        "--concurrency|0|--concurrency: expected a whole number between 1 and 64",
        "--seed|4.2|expected a whole number, got '4.2'",
        "--duration|0|--duration: expected a positive duration",
        "--duration|soon|expected an ISO-8601 duration (PT10M) or seconds (600), got 'soon'",
        "--duration|PT-5S|expected an ISO-8601 duration (PT10M) or seconds (600), got 'PT-5S'",
        "--url|ftp://example.org|expected an http(s) URL like http://127.0.0.1:8080",
        "--url|not a url|expected an http(s) URL like http://127.0.0.1:8080"
      })
  void badValuesAreRejectedWithTheOptionAndTheExpectation(
      String option, String value, String message) {
    assertThatExceptionOfType(ParameterException.class)
        .isThrownBy(() -> parse(option, value))
        .withMessageContaining(option)
        .withMessageContaining(message);
  }

  @Test
  void unknownOptionsAndMissingValuesAreRejected() {
    assertThatExceptionOfType(ParameterException.class)
        .isThrownBy(() -> parse("--speed", "3"))
        .withMessageContaining("--speed");
    assertThatExceptionOfType(ParameterException.class)
        .isThrownBy(() -> parse("--rate"))
        .withMessageContaining("--rate");
  }

  @Test
  void helpPrintsEveryOptionAndRunsNothing() {
    CommandLineRun run = CommandLineRun.of(new SimulatorOptions(), "--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.runs()).isZero();
    assertThat(run.out())
        .contains("pulse-simulator.jar")
        .contains(
            "--url",
            "--rate",
            "--duration",
            "--seed",
            "--dealers",
            "--brands",
            "--regions",
            "--history-days",
            "--history-events",
            "--concurrency",
            "--no-import",
            "--quiet",
            "--help")
        .contains("(default 20.0)", "(default 10000)", "(default http://127.0.0.1:8080)");
    assertThat(CommandLines.usage(new SimulatorOptions())).isEqualTo(run.out());
  }

  @Test
  void aBadValueExitsWithTwoAndAClearMessageAndRunsNothing() {
    CommandLineRun run = CommandLineRun.of(new SimulatorOptions(), "--rate", "-1");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.runs()).isZero();
    assertThat(run.err())
        .isEqualTo(
            "pulse-simulator: --rate: expected events per second from 0 to 100000, got -1.0%n"
                    .formatted()
                + "Run with --help for the options.%n".formatted());
  }

  @Test
  void goodOptionsRunTheToolWithThemAndExitWithItsCode() {
    AtomicInteger ran = new AtomicInteger();
    int exitCode =
        CommandLines.execute(
            new SimulatorOptions(),
            options -> {
              ran.set(options.dealers());
              return 3;
            },
            new PrintWriter(new StringWriter()),
            new PrintWriter(new StringWriter()),
            "--dealers",
            "17");

    assertThat(exitCode).isEqualTo(3);
    assertThat(ran).hasValue(17);
  }
}
