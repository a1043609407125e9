package io.pulse.simulator;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The simulator's command line. */
@Command(
    name = "pulse-simulator",
    header = {
      "Pulse feedback simulator: loads a dealer network into the Pulse backend and feeds it"
          + " realistic feedback events through the public HTTP API."
    },
    customSynopsis = {
      "java -jar load-tests/simulator/target/pulse-simulator.jar [options]",
      "  java -cp load-tests/simulator/target/pulse-simulator.jar io.pulse.simulator.Simulator"
          + " [options]"
    },
    footer = {
      "",
      "Progress goes to stdout every 10 s; problems go to stderr. Events are sent with the ingest"
          + " key PULSE_INGEST_KEY (default: the backend's demo key)."
    })
public final class SimulatorOptions implements CommandLines.Options {

  /** Default live rate, events per second. */
  public static final double DEFAULT_RATE = 20;

  /** Default number of backfilled events when {@code --history-days} is given. */
  public static final int DEFAULT_HISTORY_EVENTS = 200_000;

  /** Default number of requests in flight. */
  public static final int DEFAULT_CONCURRENCY = 4;

  private static final int MAX_HISTORY_DAYS = 400;
  private static final int MAX_CONCURRENCY = 64;
  private static final double MAX_RATE = 100_000;

  @Mixin private CommonOptions common = new CommonOptions();

  @Option(
      names = "--rate",
      paramLabel = "R",
      description = "live events per second in total; 0 = no live feed (default ${DEFAULT-VALUE})")
  private double rate = DEFAULT_RATE;

  @Option(
      names = "--duration",
      paramLabel = "D",
      description =
          "live feed length: ISO-8601 (PT10M) or seconds (600); default: until stopped"
              + " (Ctrl-C / SIGTERM)")
  private @Nullable Duration duration;

  @Option(
      names = "--brands",
      paramLabel = "N",
      description = "brands, up to " + NetworkGenerator.MAX_BRANDS + " (default ${DEFAULT-VALUE})")
  private int brands = NetworkGenerator.DEFAULT_BRANDS;

  @Option(
      names = "--regions",
      paramLabel = "N",
      description = "regions, up to 85 (default ${DEFAULT-VALUE})")
  private int regions = NetworkGenerator.DEFAULT_REGIONS;

  @Option(
      names = "--history-days",
      paramLabel = "D",
      description = "backfill D days of history before the live feed (default ${DEFAULT-VALUE})")
  private int historyDays;

  @Option(
      names = "--history-events",
      paramLabel = "N",
      description = "events in the backfill (default ${DEFAULT-VALUE})")
  private int historyEvents = DEFAULT_HISTORY_EVENTS;

  @Option(
      names = "--featured-dealers",
      paramLabel = "IDS",
      split = ",",
      description =
          "dealers that get 10-30 answers every day of the history and as many live (the demo"
              + " users' dealers), comma-separated (default: none)")
  private List<String> featuredDealers = new ArrayList<>();

  @Option(
      names = "--concurrency",
      paramLabel = "N",
      description = "most requests in flight (default ${DEFAULT-VALUE})")
  private int concurrency = DEFAULT_CONCURRENCY;

  @Option(names = "--no-import", description = "do not import the network (it is already loaded)")
  private boolean noImport;

  @Option(
      names = {"-q", "--quiet"},
      description = "no progress lines, only problems and the totals")
  private boolean quiet;

  @Override
  public void check(CommandLines.Checks checks) {
    common.check(checks);
    checks.between("--rate", rate, 0, MAX_RATE, "events per second");
    if (duration != null) {
      checks.positive("--duration", duration);
    }
    checks.between("--brands", brands, 1, NetworkGenerator.MAX_BRANDS);
    checks.between("--regions", regions, 1, NetworkGenerator.MAX_REGIONS);
    checks.between("--history-days", historyDays, 0, MAX_HISTORY_DAYS);
    checks.between("--history-events", historyEvents, 0, HistoryTimeline.MAX_EVENTS);
    checks.between("--concurrency", concurrency, 1, MAX_CONCURRENCY);
  }

  /** Base URL of the Pulse backend. */
  public URI url() {
    return common.url;
  }

  /** Live events per second in total; 0 skips the live feed. */
  public double rate() {
    return rate;
  }

  /** How long the live feed runs; null for "until stopped". */
  public @Nullable Duration duration() {
    return duration;
  }

  /** Seed of the network and of the event streams. */
  public long seed() {
    return common.seed;
  }

  /** Dealers in the network. */
  public int dealers() {
    return common.dealers;
  }

  /** Brands in the network. */
  public int brands() {
    return brands;
  }

  /** Regions in the network. */
  public int regions() {
    return regions;
  }

  /** Days of history to backfill before the live feed; 0 for none. */
  public int historyDays() {
    return historyDays;
  }

  /** Events in the backfill, spread over {@link #historyDays()}. */
  public int historyEvents() {
    return historyEvents;
  }

  /** Dealers with a steady 10–30 answers a day, whatever their share of the traffic. */
  public List<String> featuredDealers() {
    return List.copyOf(featuredDealers);
  }

  /** Most requests in flight at once. */
  public int concurrency() {
    return concurrency;
  }

  /** Whether to import the network first. */
  public boolean importNetwork() {
    return !noImport;
  }

  /** Whether to skip the progress lines. */
  public boolean quiet() {
    return quiet;
  }
}
