package io.pulse.simulator;

import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.ExecutionException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/**
 * The command line of the simulator's tools, one way for all three ({@link Simulator}, {@link
 * IngestBenchmark}, {@link StreamLoadProbe}): picocli parses an options object ({@link Options})
 * with the converters below, {@link Options#check} refuses what the types cannot, and a bad
 * argument prints {@code NAME: message} and exits 2 without running anything.
 */
final class CommandLines {

  private CommandLines() {}

  /** An options object: picocli fills its fields, {@link #check} refuses values out of range. */
  interface Options {
    /** Checks the parsed values; {@code checks} throws picocli's usage error for a bad one. */
    void check(Checks checks);
  }

  /** What a tool does with its options; returns the process exit code. */
  @FunctionalInterface
  interface Tool<T extends Options> {
    int run(T options) throws Exception;
  }

  /** Runs {@code tool} with the options in {@code args}, then exits with its code. */
  static <T extends Options> void main(T options, Tool<T> tool, String[] args) {
    int exitCode =
        execute(
            options,
            tool,
            new PrintWriter(System.out, true, StandardCharsets.UTF_8),
            new PrintWriter(System.err, true, StandardCharsets.UTF_8),
            args);
    System.exit(exitCode);
  }

  /**
   * Parses {@code args} into {@code options} and runs {@code tool} with them; prints the usage for
   * {@code --help} (exit code 0) and {@code NAME: message} for a bad argument (exit code 2).
   */
  static <T extends Options> int execute(
      T options, Tool<T> tool, PrintWriter out, PrintWriter err, String... args) {
    CommandLine commandLine = commandLine(options);
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setParameterExceptionHandler((e, badArgs) -> {
      CommandLine failed = e.getCommandLine();
      failed.getErr().println(failed.getCommandName() + ": " + e.getMessage());
      failed.getErr().println("Run with --help for the options.");
      return failed.getCommandSpec().exitCodeOnInvalidInput();
    });
    commandLine.setExecutionStrategy(parsed -> {
      Integer help = CommandLine.executeHelpRequest(parsed);
      if (help != null) {
        return help;
      }
      options.check(new Checks(commandLine));
      try {
        return tool.run(options);
      } catch (ParameterException | ExecutionException e) {
        throw e;
      } catch (Exception e) {
        throw new ExecutionException(commandLine, commandLine.getCommandName() + " failed", e);
      }
    });
    return commandLine.execute(args);
  }

  /** Parses and checks {@code args} into {@code options} without running anything. */
  static <T extends Options> T parse(T options, String... args) {
    CommandLine commandLine = commandLine(options);
    commandLine.parseArgs(args);
    options.check(new Checks(commandLine));
    return options;
  }

  /** The usage text of {@code options}, as {@code --help} prints it. */
  static String usage(Options options) {
    return commandLine(options).getUsageMessage(CommandLine.Help.Ansi.OFF);
  }

  private static CommandLine commandLine(Options options) {
    CommandLine commandLine = new CommandLine(options);
    commandLine.registerConverter(Integer.class, CommandLines::wholeNumber);
    commandLine.registerConverter(int.class, CommandLines::wholeNumber);
    commandLine.registerConverter(Long.class, CommandLines::longNumber);
    commandLine.registerConverter(long.class, CommandLines::longNumber);
    commandLine.registerConverter(Double.class, CommandLines::number);
    commandLine.registerConverter(double.class, CommandLines::number);
    commandLine.registerConverter(Duration.class, CommandLines::duration);
    commandLine.registerConverter(URI.class, CommandLines::httpUrl);
    return commandLine;
  }

  /** A whole number; {@code 10_000} reads as 10000. */
  static int wholeNumber(String value) {
    try {
      return Integer.parseInt(value.trim().replace("_", ""));
    } catch (NumberFormatException e) {
      throw new TypeConversionException("expected a whole number, got '" + value + "'");
    }
  }

  private static long longNumber(String value) {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new TypeConversionException("expected a whole number, got '" + value + "'");
    }
  }

  private static double number(String value) {
    try {
      return Double.parseDouble(value.trim());
    } catch (NumberFormatException e) {
      throw new TypeConversionException("expected a number, got '" + value + "'");
    }
  }

  /**
   * A duration: ISO-8601 ({@code PT10M}), plain seconds ({@code 600}) or {@code 90s}/{@code
   * 10m}/{@code 2h}; never negative.
   */
  static Duration duration(String value) {
    String text = value.trim().toLowerCase(Locale.ROOT);
    Duration parsed = null;
    try {
      if (text.startsWith("p")) {
        parsed = Duration.parse(text.toUpperCase(Locale.ROOT));
      } else if (text.matches("\\d+")) {
        parsed = Duration.ofSeconds(Long.parseLong(text));
      } else if (text.matches("\\d+[smh]")) {
        long amount = Long.parseLong(text.substring(0, text.length() - 1));
        parsed =
            switch (text.charAt(text.length() - 1)) {
              case 's' -> Duration.ofSeconds(amount);
              case 'm' -> Duration.ofMinutes(amount);
              default -> Duration.ofHours(amount);
            };
      }
    } catch (DateTimeParseException | NumberFormatException | ArithmeticException e) {
      parsed = null;
    }
    if (parsed == null || parsed.isNegative()) {
      throw new TypeConversionException(
          "expected an ISO-8601 duration (PT10M) or seconds (600), got '" + value + "'");
    }
    return parsed;
  }

  /** An http(s) URL with a host, like {@code http://127.0.0.1:8080}. */
  static URI httpUrl(String value) {
    try {
      URI uri = new URI(value);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    throw new TypeConversionException(
        "expected an http(s) URL like http://127.0.0.1:8080, got '" + value + "'");
  }

  /** Range checks that fail as picocli usage errors, naming the option and what it takes. */
  static final class Checks {
    private final CommandLine commandLine;

    Checks(CommandLine commandLine) {
      this.commandLine = commandLine;
    }

    /** {@code value} of {@code option} is from {@code min} to {@code max}. */
    void between(String option, long value, long min, long max) {
      if (value < min || value > max) {
        throw usage(
            "%s: expected a whole number between %d and %d, got %d"
                .formatted(option, min, max, value));
      }
    }

    /** {@code value} of {@code option} is from {@code min} to {@code max}, and a number. */
    void between(String option, double value, double min, double max, String what) {
      if (!(value >= min && value <= max)) {
        throw usage(
            String.format(
                Locale.ROOT,
                "%s: expected %s from %.0f to %.0f, got %s",
                option,
                what,
                min,
                max,
                value));
      }
    }

    /** {@code value} of {@code option} is longer than zero. */
    void positive(String option, Duration value) {
      if (value.isZero()) {
        throw usage(option + ": expected a positive duration, got 0");
      }
    }

    private ParameterException usage(String message) {
      return new ParameterException(commandLine, message);
    }
  }
}
