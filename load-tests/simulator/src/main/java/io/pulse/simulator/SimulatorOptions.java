package io.pulse.simulator;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The simulator's command line.
 *
 * @param url base URL of the Pulse backend
 * @param rate live events per second in total; 0 skips the live feed
 * @param duration how long the live feed runs; null for "until stopped"
 * @param seed seed of the network and of the event streams
 * @param dealers dealers in the network
 * @param brands brands in the network
 * @param regions regions in the network
 * @param historyDays days of history to backfill before the live feed; 0 for none
 * @param historyEvents events in the backfill, spread over {@code historyDays}
 * @param concurrency most requests in flight at once
 * @param importNetwork whether to import the network first
 * @param quiet whether to skip the progress lines
 * @param help whether to print usage and do nothing else
 */
public record SimulatorOptions(
    URI url,
    double rate,
    @Nullable Duration duration,
    long seed,
    int dealers,
    int brands,
    int regions,
    int historyDays,
    int historyEvents,
    int concurrency,
    boolean importNetwork,
    boolean quiet,
    boolean help) {

  /** Default backend URL. */
  public static final URI DEFAULT_URL = URI.create("http://127.0.0.1:8080");

  /** Default live rate, events per second. */
  public static final double DEFAULT_RATE = 20;

  /** Default seed. */
  public static final long DEFAULT_SEED = 42;

  /** Default number of backfilled events when {@code --history-days} is given. */
  public static final int DEFAULT_HISTORY_EVENTS = 200_000;

  /** Default number of requests in flight. */
  public static final int DEFAULT_CONCURRENCY = 4;

  private static final int MAX_HISTORY_DAYS = 365;
  private static final int MAX_CONCURRENCY = 64;
  private static final double MAX_RATE = 100_000;

  /** The options when no argument is given. */
  public static SimulatorOptions defaults() {
    return new Builder().build();
  }

  /**
   * Parses {@code --name value}, {@code --name=value} and flags.
   *
   * @throws IllegalArgumentException naming the option and the expected value, for a bad argument
   */
  public static SimulatorOptions parse(String... args) {
    Builder options = new Builder();
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      String value = null;
      int equals = name.indexOf('=');
      if (name.startsWith("--") && equals > 0) {
        value = name.substring(equals + 1);
        name = name.substring(0, equals);
      }
      if (isFlag(name)) {
        if (value != null) {
          throw new IllegalArgumentException(name + " takes no value");
        }
        options.flag(name);
        continue;
      }
      if (!isValued(name)) {
        throw new IllegalArgumentException("unknown option " + name);
      }
      if (value == null) {
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(name + ": missing value");
        }
        value = args[++i];
      }
      options.set(name, value);
    }
    return options.build();
  }

  private static boolean isFlag(String name) {
    return switch (name) {
      case "--help", "-h", "--no-import", "--quiet", "-q" -> true;
      default -> false;
    };
  }

  private static boolean isValued(String name) {
    return switch (name) {
      case "--url",
          "--rate",
          "--duration",
          "--seed",
          "--dealers",
          "--brands",
          "--regions",
          "--history-days",
          "--history-events",
          "--concurrency" ->
          true;
      default -> false;
    };
  }

  /** Collects parsed values, starting from the defaults. */
  private static final class Builder {
    private URI url = DEFAULT_URL;
    private double rate = DEFAULT_RATE;
    private @Nullable Duration duration;
    private long seed = DEFAULT_SEED;
    private int dealers = NetworkGenerator.DEFAULT_DEALERS;
    private int brands = NetworkGenerator.DEFAULT_BRANDS;
    private int regions = NetworkGenerator.DEFAULT_REGIONS;
    private int historyDays;
    private int historyEvents = DEFAULT_HISTORY_EVENTS;
    private int concurrency = DEFAULT_CONCURRENCY;
    private boolean importNetwork = true;
    private boolean quiet;
    private boolean help;

    void flag(String name) {
      switch (name) {
        case "--no-import" -> importNetwork = false;
        case "--quiet", "-q" -> quiet = true;
        default -> help = true;
      }
    }

    void set(String name, String value) {
      switch (name) {
        case "--url" -> url = url(value);
        case "--rate" -> rate = rate(value);
        case "--duration" -> duration = duration(value);
        case "--seed" -> seed = longValue(name, value);
        case "--dealers" -> dealers = intIn(name, value, 1, NetworkGenerator.MAX_DEALERS);
        case "--brands" -> brands = intIn(name, value, 1, NetworkGenerator.MAX_BRANDS);
        case "--regions" -> regions = intIn(name, value, 1, NetworkGenerator.MAX_REGIONS);
        case "--history-days" -> historyDays = intIn(name, value, 0, MAX_HISTORY_DAYS);
        case "--history-events" ->
            historyEvents = intIn(name, value, 0, HistoryTimeline.MAX_EVENTS);
        case "--concurrency" -> concurrency = intIn(name, value, 1, MAX_CONCURRENCY);
        default -> throw new IllegalArgumentException("unknown option " + name);
      }
    }

    SimulatorOptions build() {
      return new SimulatorOptions(
          url,
          rate,
          duration,
          seed,
          dealers,
          brands,
          regions,
          historyDays,
          historyEvents,
          concurrency,
          importNetwork,
          quiet,
          help);
    }
  }

  private static URI url(String value) {
    try {
      URI uri = new URI(value);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
        throw new IllegalArgumentException(
            "--url: expected an http(s) URL like http://127.0.0.1:8080, got '" + value + "'");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "--url: expected an http(s) URL like http://127.0.0.1:8080, got '" + value + "'", e);
    }
  }

  private static double rate(String value) {
    try {
      double rate = Double.parseDouble(value);
      if (!(rate >= 0 && rate <= MAX_RATE)) {
        throw new NumberFormatException();
      }
      return rate;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "--rate: expected events per second between 0 and %.0f, got '%s'"
              .formatted(MAX_RATE, value));
    }
  }

  /**
   * Accepts ISO-8601 ({@code PT10M}), plain seconds ({@code 600}) or {@code 90s}/{@code 10m}/{@code
   * 2h}.
   */
  private static Duration duration(String value) {
    String text = value.trim().toLowerCase(Locale.ROOT);
    Duration parsed;
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
      } else {
        parsed = Duration.ZERO;
      }
    } catch (DateTimeParseException | NumberFormatException | ArithmeticException e) {
      parsed = Duration.ZERO;
    }
    if (parsed.isZero() || parsed.isNegative()) {
      throw new IllegalArgumentException(
          "--duration: expected a positive ISO-8601 duration (PT10M) or seconds (600), got '"
              + value
              + "'");
    }
    return parsed;
  }

  private static long longValue(String name, String value) {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "%s: expected a whole number, got '%s'".formatted(name, value));
    }
  }

  private static int intIn(String name, String value, int min, int max) {
    try {
      int parsed = Integer.parseInt(value.trim().replace("_", ""));
      if (parsed >= min && parsed <= max) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below with the accepted range
    }
    throw new IllegalArgumentException(
        "%s: expected a whole number between %d and %d, got '%s'".formatted(name, min, max, value));
  }

  /** The {@code --help} text. */
  public static String usage() {
    return """
    Pulse feedback simulator: loads a dealer network into the Pulse backend and feeds it
    realistic feedback events through the public HTTP API.

    Usage:
      java -jar load-tests/simulator/target/pulse-simulator.jar [options]

    Options:
      --url URL              backend base URL (default http://127.0.0.1:8080)
      --rate R               live events per second in total; 0 = no live feed (default 20)
      --duration D           live feed length: ISO-8601 (PT10M) or seconds (600);
                             default: until stopped (Ctrl-C / SIGTERM)
      --seed N               seed of the network and the events (default 42)
      --dealers N            dealers in the network (default 10000)
      --brands N             brands, up to 200 (default 20)
      --regions N            regions, up to 85 (default 85)
      --history-days D       backfill D days of history before the live feed (default 0)
      --history-events N     events in the backfill (default 200000)
      --concurrency N        most requests in flight (default 4)
      --no-import            do not import the network (it is already loaded)
      --quiet, -q            no progress lines, only problems and the totals
      --help, -h             print this help

    Progress goes to stdout every 10 s; problems go to stderr.
    """;
  }
}
