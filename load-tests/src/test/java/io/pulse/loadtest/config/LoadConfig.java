package io.pulse.loadtest.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Everything a simulation needs to know about a run, read once from {@code -Dpulse.*} system
 * properties over the simulation's defaults for the chosen {@link LoadProfile}.
 *
 * @param profile the named size of the run ({@code pulse.profile}, default smoke)
 * @param baseUrls backends to load ({@code pulse.baseUrls}, comma-separated); virtual users are
 *     spread over them round-robin
 * @param users the simulation's main population: cabinets, executives ({@code pulse.users})
 * @param executives executives of the mixed soak ({@code pulse.executives})
 * @param rate feedback events per second posted in the background ({@code pulse.rate})
 * @param batch events per ingest request ({@code pulse.batch}; 1 posts single events)
 * @param singleShare share of the events posted one by one by the ingest simulation ({@code
 *     pulse.singleShare})
 * @param rampFeedbackFrom the share of {@code rate} the background feedback starts at while the
 *     population arrives, rising to all of it at the end of the ramp ({@code
 *     pulse.rampFeedbackFrom}, default 0.1; 1 posts the full rate on top of the arrivals, as when a
 *     lost instance's listeners reconnect elsewhere)
 * @param ramp how long the population takes to arrive ({@code pulse.ramp})
 * @param hold how long everyone stays after the ramp ({@code pulse.duration})
 * @param window index window of the live streams ({@code pulse.window})
 * @param analyticsWindow window of the analytics calls ({@code pulse.analyticsWindow})
 * @param drainInterval how often a listener looks at its buffered stream messages ({@code
 *     pulse.drainInterval})
 * @param connectTimeout how long a stream may take to deliver its snapshot ({@code
 *     pulse.connectTimeout})
 * @param thinkMin shortest pause between an executive's analytics calls ({@code pulse.thinkMin})
 * @param thinkMax longest pause between an executive's analytics calls ({@code pulse.thinkMax})
 * @param skew how feedback is spread over dealers
 * @param dealerLimit use only the first this many dealers of the network, 0 for all ({@code
 *     pulse.dealers})
 * @param seed seed of every random choice ({@code pulse.seed})
 * @param bounds the latency bounds the assertions check
 * @param stress the staircase of the stress profile
 * @param localAddresses loopback source addresses to spread connections over ({@code
 *     pulse.localAddresses}); empty lets the kernel choose
 * @param auth credentials to send, if any
 * @param serverMetrics whether to read the backends' own metrics (open streams, heap) from {@code
 *     /actuator} ({@code pulse.serverMetrics})
 * @param monitorInterval how often the soak's monitor samples the backends ({@code
 *     pulse.monitorInterval})
 * @param heapGrowthMax the soak fails when live heap after GC exceeds its first sample × this
 *     ({@code pulse.heapGrowthMax})
 */
public record LoadConfig(
    LoadProfile profile,
    List<String> baseUrls,
    int users,
    int executives,
    double rate,
    int batch,
    double singleShare,
    double rampFeedbackFrom,
    Duration ramp,
    Duration hold,
    String window,
    String analyticsWindow,
    Duration drainInterval,
    Duration connectTimeout,
    Duration thinkMin,
    Duration thinkMax,
    Skew skew,
    int dealerLimit,
    long seed,
    Bounds bounds,
    Stress stress,
    List<String> localAddresses,
    Auth auth,
    boolean serverMetrics,
    Duration monitorInterval,
    double heapGrowthMax) {

  /**
   * Zipf–Mandelbrot weights over dealers: the dealer of rank k gets feedback in proportion to 1/(k
   * + offset)^exponent. The defaults (1.0, 10) give the top 20 % of 10,000 dealers about 77 % of
   * the feedback and the busiest dealer 1.3 %.
   *
   * @param exponent {@code pulse.skew.exponent}; 0 spreads feedback evenly
   * @param offset {@code pulse.skew.offset}; flattens the head
   */
  public record Skew(double exponent, double offset) {}

  /**
   * Upper bounds of the 99th percentiles, in milliseconds.
   *
   * @param eventToScreenMs an accepted event's arrival on a listening screen ({@code
   *     pulse.p99.eventToScreenMs})
   * @param requestMs ingest requests ({@code pulse.p99.requestMs})
   * @param analyticsMs analytics and index reads ({@code pulse.p99.analyticsMs})
   * @param connectMs opening a stream until its snapshot arrives ({@code pulse.p99.connectMs})
   */
  public record Bounds(long eventToScreenMs, long requestMs, long analyticsMs, long connectMs) {}

  /**
   * The stress profile's staircase: start at {@code rate}, add {@code step} events/s {@code steps}
   * times, each level held for {@code level}.
   *
   * @param steps {@code pulse.stress.steps}
   * @param step {@code pulse.stress.step}
   * @param level {@code pulse.stress.level}
   */
  public record Stress(int steps, double step, Duration level) {}

  /**
   * A simulation's defaults for one profile.
   *
   * @param users main population
   * @param executives executives (mixed soak only)
   * @param rate events per second
   * @param batch events per ingest request
   * @param ramp arrival of the population
   * @param hold steady state after the ramp
   */
  public record Defaults(
      int users, int executives, double rate, int batch, Duration ramp, Duration hold) {}

  /** Reads the system properties over {@code defaults} for the profile they name. */
  public static LoadConfig fromSystemProperties(Function<LoadProfile, Defaults> defaults) {
    return from(System.getProperties(), defaults);
  }

  /** Reads {@code props} over {@code defaults} for the profile they name. */
  public static LoadConfig from(Properties props, Function<LoadProfile, Defaults> defaults) {
    Reader p = new Reader(props);
    LoadProfile profile = LoadProfile.of(p.string("pulse.profile", "smoke"));
    Defaults d = defaults.apply(profile);
    String urls = p.string("pulse.baseUrls", p.string("pulse.baseUrl", "http://127.0.0.1:8080"));
    LoadConfig config =
        new LoadConfig(
            profile,
            list(urls).stream().map(u -> u.replaceAll("/+$", "")).toList(),
            p.integer("pulse.users", d.users()),
            p.integer("pulse.executives", d.executives()),
            p.decimal("pulse.rate", d.rate()),
            p.integer("pulse.batch", d.batch()),
            p.decimal("pulse.singleShare", 0.1),
            p.decimal("pulse.rampFeedbackFrom", 0.1),
            p.duration("pulse.ramp", d.ramp()),
            p.duration("pulse.duration", d.hold()),
            p.string("pulse.window", "24h"),
            p.string("pulse.analyticsWindow", "30d"),
            p.duration("pulse.drainInterval", Duration.ofSeconds(2)),
            p.duration("pulse.connectTimeout", Duration.ofSeconds(60)),
            p.duration("pulse.thinkMin", Duration.ofSeconds(profile == LoadProfile.SMOKE ? 1 : 5)),
            p.duration("pulse.thinkMax", Duration.ofSeconds(profile == LoadProfile.SMOKE ? 3 : 20)),
            new Skew(p.decimal("pulse.skew.exponent", 1.0), p.decimal("pulse.skew.offset", 10)),
            p.integer("pulse.dealers", 0),
            p.integer("pulse.seed", 42),
            new Bounds(
                p.integer("pulse.p99.eventToScreenMs", 1000),
                p.integer("pulse.p99.requestMs", 1000),
                p.integer("pulse.p99.analyticsMs", 2000),
                p.integer("pulse.p99.connectMs", 2000)),
            new Stress(
                p.integer("pulse.stress.steps", 5),
                p.decimal("pulse.stress.step", Math.max(1, d.rate() / 2)),
                p.duration("pulse.stress.level", Duration.ofSeconds(60))),
            list(p.string("pulse.localAddresses", "")),
            new Auth(
                p.optional("pulse.apiKey"),
                p.optional("pulse.user"),
                p.optional("pulse.password"),
                p.optional("pulse.bearer"),
                tokens(p.optional("pulse.tokenKey"))),
            Boolean.parseBoolean(p.string("pulse.serverMetrics", "true")),
            p.duration(
                "pulse.monitorInterval",
                Duration.ofSeconds(profile == LoadProfile.SMOKE ? 10 : 60)),
            p.decimal("pulse.heapGrowthMax", 1.5));
    config.validate();
    return config;
  }

  /** Valid for a week: longer than any run, and the key is the run's own. */
  private static @Nullable Tokens tokens(@Nullable String keyFile) {
    return keyFile == null ? null : Tokens.load(Path.of(keyFile), Duration.ofDays(7));
  }

  private void validate() {
    require(!baseUrls.isEmpty(), "pulse.baseUrls is empty");
    for (String url : baseUrls) {
      require(url.startsWith("http://") || url.startsWith("https://"), "not a URL: " + url);
    }
    require(users >= 0 && executives >= 0, "pulse.users and pulse.executives must be >= 0");
    require(rate >= 0, "pulse.rate must be >= 0");
    require(batch >= 1 && batch <= 1000, "pulse.batch must be 1..1000 (the API's limit)");
    require(singleShare >= 0 && singleShare <= 1, "pulse.singleShare must be 0..1");
    require(
        rampFeedbackFrom > 0 && rampFeedbackFrom <= 1, "pulse.rampFeedbackFrom must be in (0, 1]");
    require(!hold.isNegative() && !ramp.isNegative(), "negative pulse.duration or pulse.ramp");
    require(drainInterval.toMillis() >= 100, "pulse.drainInterval must be at least 100ms");
    require(thinkMax.compareTo(thinkMin) >= 0, "pulse.thinkMax must be >= pulse.thinkMin");
    require(skew.exponent() >= 0 && skew.offset() >= 0, "pulse.skew.* must be >= 0");
    require(heapGrowthMax > 1, "pulse.heapGrowthMax must be > 1");
  }

  /** Ramp plus hold: how long the population is there. */
  public Duration total() {
    return ramp.plus(hold);
  }

  /** One line describing the run, printed at its start. */
  public String describe() {
    return String.format(
        Locale.ROOT,
        "profile=%s baseUrls=%s users=%d executives=%d rate=%.1f/s batch=%d ramp=%ss"
            + " (feedback from %.0f %%) hold=%ss window=%s localAddresses=%s auth=%s",
        profile.name().toLowerCase(Locale.ROOT),
        baseUrls,
        users,
        executives,
        rate,
        batch,
        ramp.toSeconds(),
        100 * rampFeedbackFrom,
        hold.toSeconds(),
        window,
        localAddresses.isEmpty() ? "kernel" : localAddresses,
        auth.describe());
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  private static List<String> list(String csv) {
    return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  /** Typed reads of properties with defaults. */
  private record Reader(Properties props) {

    @Nullable String optional(String name) {
      String value = props.getProperty(name);
      return value == null || value.isBlank() ? null : value.trim();
    }

    String string(String name, String fallback) {
      String value = optional(name);
      return value == null ? fallback : value;
    }

    int integer(String name, int fallback) {
      return number(name, fallback, Integer::parseInt, "a whole number");
    }

    double decimal(String name, double fallback) {
      return number(name, fallback, Double::parseDouble, "a number");
    }

    /** Underscores group digits, as in Java: {@code 10_000}. */
    private <T> T number(String name, T fallback, Function<String, T> parse, String kind) {
      String value = optional(name);
      try {
        return value == null ? fallback : parse.apply(value.replace("_", ""));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(name + " must be " + kind + ", was '" + value + "'");
      }
    }

    Duration duration(String name, Duration fallback) {
      String value = optional(name);
      return value == null ? fallback : parseDuration(name, value);
    }
  }

  /** {@code 90} (seconds), {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h} or ISO-8601. */
  static Duration parseDuration(String name, String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    try {
      if (v.startsWith("p")) {
        return Duration.parse(v.toUpperCase(Locale.ROOT));
      }
      if (v.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
      }
      long amount = Long.parseLong(v.replaceAll("[smh]$", ""));
      return switch (v.charAt(v.length() - 1)) {
        case 'm' -> Duration.ofMinutes(amount);
        case 'h' -> Duration.ofHours(amount);
        default -> Duration.ofSeconds(amount);
      };
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          name + " must be a duration like 30s, 5m, 2h or PT5M, was '" + value + "'", e);
    }
  }
}
