package io.pulse.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SimulatorOptionsTests {

  @Test
  void noArgumentsGiveTheDocumentedDefaults() {
    SimulatorOptions options = SimulatorOptions.parse();

    assertThat(options).isEqualTo(SimulatorOptions.defaults());
    assertThat(options.url()).isEqualTo(URI.create("http://127.0.0.1:8080"));
    assertThat(options.rate()).isEqualTo(20.0);
    assertThat(options.duration()).isNull();
    assertThat(options.seed()).isEqualTo(42);
    assertThat(options.dealers()).isGreaterThanOrEqualTo(10_000);
    assertThat(options.brands()).isEqualTo(20);
    assertThat(options.regions()).isEqualTo(85);
    assertThat(options.historyDays()).isZero();
    assertThat(options.historyEvents()).isEqualTo(200_000);
    assertThat(options.concurrency()).isEqualTo(4);
    assertThat(options.importNetwork()).isTrue();
    assertThat(options.quiet()).isFalse();
    assertThat(options.help()).isFalse();
  }

  @Test
  void parsesEveryOption() {
    SimulatorOptions options =
        SimulatorOptions.parse(
            "--url",
            "http://pulse.local:9090",
            "--rate",
            "50",
            "--duration",
            "PT10M",
            "--seed",
            "7",
            "--dealers",
            "12000",
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

    assertThat(options)
        .isEqualTo(
            new SimulatorOptions(
                URI.create("http://pulse.local:9090"),
                50,
                Duration.ofMinutes(10),
                7,
                12_000,
                25,
                40,
                30,
                50_000,
                8,
                false,
                true,
                false));
  }

  @Test
  void acceptsNameEqualsValue() {
    SimulatorOptions options = SimulatorOptions.parse("--rate=2.5", "--duration=90", "--seed=-3");

    assertThat(options.rate()).isEqualTo(2.5);
    assertThat(options.duration()).isEqualTo(Duration.ofSeconds(90));
    assertThat(options.seed()).isEqualTo(-3);
  }

  @ParameterizedTest
  @CsvSource({"PT10M, 600", "pt1h, 3600", "600, 600", "45s, 45", "10m, 600", "2h, 7200"})
  void durationIsIso8601OrSeconds(String text, long seconds) {
    assertThat(SimulatorOptions.parse("--duration", text).duration())
        .isEqualTo(Duration.ofSeconds(seconds));
  }

  @Test
  void helpIsAFlag() {
    assertThat(SimulatorOptions.parse("--help").help()).isTrue();
    assertThat(SimulatorOptions.parse("-h").help()).isTrue();
    assertThat(SimulatorOptions.usage()).contains("--rate", "--history-days", "--no-import");
  }

  @Test
  void zeroRateMeansNoLiveFeed() {
    assertThat(SimulatorOptions.parse("--rate", "0").rate()).isZero();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "--rate|abc|--rate: expected events per second",
        "--rate|-1|--rate: expected events per second",
        "--rate|NaN|--rate: expected events per second",
        "--dealers|0|--dealers: expected a whole number between 1 and",
        "--dealers|ten|--dealers: expected a whole number between 1 and",
        "--regions|86|--regions: expected a whole number between 1 and 85",
        "--brands|0|--brands: expected a whole number between 1 and",
        "--history-days|-2|--history-days: expected a whole number between 0 and",
        "--concurrency|0|--concurrency: expected a whole number between 1 and",
        "--seed|4.2|--seed: expected a whole number",
        "--duration|0|--duration: expected a positive ISO-8601 duration",
        "--duration|soon|--duration: expected a positive ISO-8601 duration",
        "--duration|PT-5S|--duration: expected a positive ISO-8601 duration",
        "--url|ftp://example.org|--url: expected an http(s) URL",
        "--url|not a url|--url: expected an http(s) URL"
      })
  void badValuesAreRejectedWithTheOptionAndTheExpectation(
      String option, String value, String message) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> SimulatorOptions.parse(option, value))
        .withMessageStartingWith(message)
        .withMessageContaining(value);
  }

  @Test
  void unknownOptionsAndMissingValuesAreRejected() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> SimulatorOptions.parse("--speed", "3"))
        .withMessage("unknown option --speed");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> SimulatorOptions.parse("--rate"))
        .withMessage("--rate: missing value");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> SimulatorOptions.parse("--quiet=yes"))
        .withMessage("--quiet takes no value");
  }
}
