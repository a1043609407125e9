package io.pulse.simulator;

import io.pulse.api.Dealer;
import io.pulse.api.FeedbackEvent;
import io.pulse.api.Parameter;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.StringJoiner;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * The simulator's entry point: generates the network, imports it, backfills history and runs the
 * live feed at a steady rate until the duration ends or the process is stopped.
 */
public final class Simulator {

  private static final Duration TICK = Duration.ofMillis(200);
  private static final int LIVE_BATCH_SIZE = 500;
  private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(10);
  private static final Duration MAX_CATCH_UP = Duration.ofSeconds(2);
  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(25);
  // Distinct random streams for history and live events, so neither shifts the other.
  private static final long HISTORY_STREAM = 1;
  private static final long LIVE_STREAM = 2;
  private static final long FEATURED_STREAM = 3;

  /** A featured dealer's answers per day: the demo users' dealers look like busy ones. */
  static final int FEATURED_MIN_PER_DAY = 10;

  static final int FEATURED_MAX_PER_DAY = 30;

  private final SimulatorOptions options;
  private final PulseClient client;
  private final Clock clock;
  private final PrintStream out;
  private final PrintStream err;
  private final FeedStats stats = new FeedStats();
  private final Semaphore permits;
  private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
  private final CountDownLatch stopRequested = new CountDownLatch(1);
  private final CountDownLatch finished = new CountDownLatch(1);
  private volatile String phase = "starting";
  private volatile boolean finishing;
  private volatile @Nullable Thread runner;
  private final long startNanos = System.nanoTime();
  private long lastProgressNanos = startNanos;
  private long lastProgressSent;

  /** A simulation with the given options, talking to the backend through {@code client}. */
  public Simulator(
      SimulatorOptions options, PulseClient client, Clock clock, PrintStream out, PrintStream err) {
    this.options = options;
    this.client = client;
    this.clock = clock;
    this.out = out;
    this.err = err;
    this.permits = new Semaphore(options.concurrency());
  }

  /** Parses the command line, runs the simulation and exits non-zero if it could not run. */
  public static void main(String[] args) {
    CommandLines.main(new SimulatorOptions(), Simulator::runUntilStopped, args);
  }

  /** Runs a simulation for the command line, stopping it cleanly on SIGTERM / Ctrl-C. */
  private static int runUntilStopped(SimulatorOptions options) {
    PulseClient client =
        new PulseClient(
            options.url(), message -> System.err.println("pulse-simulator: " + message));
    Simulator simulator = new Simulator(options, client, Clock.systemUTC(), System.out, System.err);
    Runtime.getRuntime()
        .addShutdownHook(
            Thread.ofPlatform().name("pulse-sim-shutdown").unstarted(simulator::stopAndAwait));
    return simulator.run();
  }

  /** Runs the whole simulation on the calling thread; returns the process exit code. */
  public int run() {
    runner = Thread.currentThread();
    ScheduledExecutorService timers =
        Executors.newScheduledThreadPool(
            2, Thread.ofPlatform().name("pulse-sim-timer-", 0).daemon(true).factory());
    try {
      phase = "network";
      SimulatedNetwork network =
          NetworkGenerator.generate(
              options.seed(), options.dealers(), options.brands(), options.regions());
      info(describe(network));
      if (!options.quiet()) {
        long every = PROGRESS_INTERVAL.toMillis();
        timers.scheduleAtFixedRate(this::printProgress, every, every, TimeUnit.MILLISECONDS);
      }
      if (options.importNetwork() && !stopping()) {
        importNetwork(network);
      }
      Instant start = clock.instant();
      DealerTraffic traffic = new DealerTraffic(network);
      FeedbackGenerator generator = generatorFor(network, start);
      List<Dealer> featured = featuredDealers(network);
      if (options.historyDays() > 0 && options.historyEvents() > 0 && !stopping()) {
        backfill(generator, traffic, featured, start);
      }
      if (options.rate() > 0 && !stopping()) {
        liveFeed(generator, traffic, featured, timers);
      }
    } catch (PulseClientException e) {
      err.println("pulse-simulator: " + e.getMessage());
      return 1;
    } catch (InterruptedException e) {
      // Stopped while waiting for the backend: the totals below say how far we got.
      return 0;
    } finally {
      finishing = true;
      Thread.interrupted();
      timers.shutdownNow();
      drainSenders();
      printTotals();
      finished.countDown();
    }
    // Judged after the drain: the batches still in flight when the feed ended count too.
    return exitCode();
  }

  /** Asks a running simulation to stop; it finishes in-flight requests and prints the totals. */
  public void requestStop() {
    stopRequested.countDown();
    Thread thread = runner;
    // The import and the backfill wait on the backend: wake them up. The live feed needs no nudge.
    if (thread != null && !finishing && !phase.equals("live")) {
      thread.interrupt();
    }
  }

  /** The running totals. */
  public FeedStats stats() {
    return stats;
  }

  private void stopAndAwait() {
    requestStop();
    try {
      finished.await(SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private boolean stopping() {
    return stopRequested.getCount() == 0;
  }

  private FeedbackGenerator generatorFor(SimulatedNetwork network, Instant start) {
    // Trends run from the start of the visible history (at least the 30-day window) to the end
    // of the live feed, so both the backfill and the live events show them.
    Duration past = Duration.ofDays(Math.max(30, options.historyDays()));
    Duration duration = options.duration();
    Duration future = duration != null ? duration : Duration.ofDays(1);
    return new FeedbackGenerator(network, start.minus(past), past.plus(future));
  }

  private void importNetwork(SimulatedNetwork network) throws InterruptedException {
    phase = "import";
    long began = System.nanoTime();
    List<?> summaries = client.importNetwork(network);
    info(
        "imported the network in %d request(s), %.1f s; last summary: %s"
            .formatted(
                summaries.size(),
                (System.nanoTime() - began) / 1e9,
                summaries.isEmpty() ? "-" : summaries.getLast()));
  }

  private void backfill(
      FeedbackGenerator generator, DealerTraffic traffic, List<Dealer> featuredDealers, Instant end)
      throws InterruptedException {
    phase = "history";
    RandomGenerator rng =
        new SplittableRandom(
            NetworkGenerator.mix(options.seed() + HISTORY_STREAM, end.toEpochMilli()));
    long[] times =
        HistoryTimeline.spread(
            rng, end, Duration.ofDays(options.historyDays()), options.historyEvents());
    Featured featured = featured(featuredDealers, end);
    info(
        "backfilling %,d events over the last %d days (%,d of them for %s)"
            .formatted(
                options.historyEvents() + featured.times().length,
                options.historyDays(),
                featured.times().length,
                options.featuredDealers()));
    long began = System.nanoTime();
    List<FeedbackEvent> batch = new ArrayList<>(PulseClient.MAX_EVENTS_PER_BATCH);
    int f = 0;
    for (int i = 0; i < times.length || f < featured.times().length; ) {
      if (stopping()) {
        return;
      }
      // The two timelines merged, so the backend still gets the history in time order.
      boolean takeFeatured =
          f < featured.times().length && (i == times.length || featured.times()[f] < times[i]);
      Instant at = Instant.ofEpochMilli(takeFeatured ? featured.times()[f] : times[i]);
      Dealer dealer = takeFeatured ? featured.dealers()[f++] : traffic.pick(rng, at);
      if (!takeFeatured) {
        i++;
      }
      batch.add(generator.at(dealer, rng, at));
      if (batch.size() == PulseClient.MAX_EVENTS_PER_BATCH) {
        dispatch(batch);
        batch = new ArrayList<>(PulseClient.MAX_EVENTS_PER_BATCH);
      }
    }
    if (!batch.isEmpty()) {
      dispatch(batch);
    }
    // Let the history land before live events start, so windows fill in time order.
    permits.acquire(options.concurrency());
    permits.release(options.concurrency());
    // infra/run.sh waits for this line.
    info(
        "backfill done: history loaded, %,d events in %.1f s"
            .formatted(
                options.historyEvents() + featured.times().length,
                (System.nanoTime() - began) / 1e9));
  }

  /** The featured dealers' history: every day 10–30 answers each, merged in time order. */
  private Featured featured(List<Dealer> dealers, Instant end) {
    RandomGenerator rng =
        new SplittableRandom(
            NetworkGenerator.mix(options.seed() + FEATURED_STREAM, end.toEpochMilli()));
    List<long[]> perDealer = new ArrayList<>();
    int total = 0;
    for (Dealer d : dealers) {
      long[] t =
          HistoryTimeline.daily(
              rng,
              end,
              Duration.ofDays(options.historyDays()),
              FEATURED_MIN_PER_DAY,
              FEATURED_MAX_PER_DAY);
      perDealer.add(t);
      total += t.length;
    }
    Integer[] order = new Integer[total];
    long[] times = new long[total];
    Dealer[] owners = new Dealer[total];
    int n = 0;
    for (int d = 0; d < dealers.size(); d++) {
      for (long t : perDealer.get(d)) {
        times[n] = t;
        owners[n] = dealers.get(d);
        order[n] = n;
        n++;
      }
    }
    Arrays.sort(order, Comparator.comparingLong(k -> times[k]));
    long[] sortedTimes = new long[total];
    Dealer[] sortedOwners = new Dealer[total];
    for (int k = 0; k < total; k++) {
      sortedTimes[k] = times[order[k]];
      sortedOwners[k] = owners[order[k]];
    }
    return new Featured(sortedTimes, sortedOwners);
  }

  private List<Dealer> featuredDealers(SimulatedNetwork network) {
    Set<String> ids = Set.copyOf(options.featuredDealers());
    List<Dealer> out = network.dealers().stream().filter(d -> ids.contains(d.id())).toList();
    if (out.size() < ids.size()) {
      err.println("pulse-simulator: some featured dealers are not in the network: " + ids);
    }
    return out;
  }

  private record Featured(long[] times, Dealer[] dealers) {}

  private void liveFeed(
      FeedbackGenerator generator,
      DealerTraffic traffic,
      List<Dealer> featuredDealers,
      ScheduledExecutorService timers)
      throws InterruptedException {
    phase = "live";
    Instant liveStart = clock.instant();
    RandomGenerator rng =
        new SplittableRandom(
            NetworkGenerator.mix(options.seed() + LIVE_STREAM, liveStart.toEpochMilli()));
    RatePacer pacer = new RatePacer(options.rate(), liveStart, MAX_CATCH_UP);
    Duration duration = options.duration();
    info(
        "live feed: %.1f events/s %s"
            .formatted(options.rate(), duration == null ? "until stopped" : "for " + duration));
    ScheduledFuture<?> ticks =
        timers.scheduleAtFixedRate(
            () -> tick(pacer, generator, traffic, featuredDealers, rng),
            0,
            TICK.toMillis(),
            TimeUnit.MILLISECONDS);
    try {
      if (duration == null) {
        stopRequested.await();
      } else {
        stopRequested.await(duration.toMillis(), TimeUnit.MILLISECONDS);
      }
    } finally {
      ticks.cancel(true);
    }
  }

  // Runs on the timer thread only, so the pacer and the random generator need no locking.
  private void tick(
      RatePacer pacer,
      FeedbackGenerator generator,
      DealerTraffic traffic,
      List<Dealer> featuredDealers,
      RandomGenerator rng) {
    try {
      if (stopping()) {
        return;
      }
      Instant now = clock.instant();
      int due = pacer.due(now);
      List<FeedbackEvent> batch = new ArrayList<>(Math.min(due, LIVE_BATCH_SIZE));
      for (int i = 0; i < due && !stopping(); i++) {
        batch.add(generator.next(traffic.pick(rng, now), rng, now));
        if (batch.size() == LIVE_BATCH_SIZE) {
          dispatch(batch);
          batch = new ArrayList<>(LIVE_BATCH_SIZE);
        }
      }
      // Featured dealers keep their 10–30 a day live too: on average 20 a day, one tick at a time.
      double featuredPerTick =
          (FEATURED_MIN_PER_DAY + FEATURED_MAX_PER_DAY) / 2.0 / 86_400 * TICK.toMillis() / 1000;
      for (Dealer d : featuredDealers) {
        if (rng.nextDouble() < featuredPerTick) {
          batch.add(generator.next(d, rng, now));
        }
      }
      if (!batch.isEmpty()) {
        dispatch(batch);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      // A periodic task that throws is never run again: report and keep ticking.
      err.println("pulse-simulator: live tick failed: " + e);
    }
  }

  /** Sends a batch on a virtual thread once one of the {@code --concurrency} slots is free. */
  private void dispatch(List<FeedbackEvent> batch) throws InterruptedException {
    permits.acquire();
    stats.batchStarted();
    try {
      senders.execute(() -> send(batch));
    } catch (RejectedExecutionException e) {
      stats.batchFinished(BatchOutcome.failed(batch.size(), 0));
      permits.release();
    }
  }

  private void send(List<FeedbackEvent> batch) {
    BatchOutcome outcome = BatchOutcome.failed(batch.size(), 0);
    try {
      outcome = client.sendBatch(batch);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      err.println("pulse-simulator: batch of " + batch.size() + " events failed: " + e);
    } finally {
      stats.batchFinished(outcome);
      permits.release();
    }
  }

  private void drainSenders() {
    senders.shutdown();
    try {
      if (!senders.awaitTermination(DRAIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        err.println("pulse-simulator: giving up on requests still in flight");
        senders.shutdownNow();
        senders.awaitTermination(2, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      senders.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  private int exitCode() {
    FeedStats.Snapshot totals = stats.snapshot();
    if (totals.sent() > 0 && totals.accepted() + totals.duplicates() == 0) {
      err.println("pulse-simulator: the backend accepted none of the events");
      return 1;
    }
    return 0;
  }

  private synchronized void printProgress() {
    long now = System.nanoTime();
    FeedStats.Snapshot totals = stats.snapshot();
    double seconds = Math.max(1e-3, (now - lastProgressNanos) / 1e9);
    double rate = (totals.sent() - lastProgressSent) / seconds;
    lastProgressNanos = now;
    lastProgressSent = totals.sent();
    out.println(
        "[%s] %-7s sent %,d  accepted %,d  duplicates %,d  errors %,d  rate %.1f/s  in flight %d"
            .formatted(
                elapsed(now),
                phase,
                totals.sent(),
                totals.accepted(),
                totals.duplicates(),
                totals.errors(),
                rate,
                totals.inFlight()));
  }

  private void printTotals() {
    long now = System.nanoTime();
    FeedStats.Snapshot totals = stats.snapshot();
    double seconds = Math.max(1e-3, (now - startNanos) / 1e9);
    out.println(
        ("totals after %s: sent %,d, accepted %,d, duplicates %,d, rejected %,d, failed %,d,"
                + " retries %,d, mean rate %.1f/s")
            .formatted(
                elapsed(now),
                totals.sent(),
                totals.accepted(),
                totals.duplicates(),
                totals.rejected(),
                totals.failed(),
                totals.retries(),
                totals.sent() / seconds));
    out.flush();
  }

  private String elapsed(long nowNanos) {
    long seconds = (nowNanos - startNanos) / 1_000_000_000L;
    return "%02d:%02d:%02d".formatted(seconds / 3600, seconds / 60 % 60, seconds % 60);
  }

  private void info(String line) {
    if (!options.quiet()) {
      out.println(line);
    }
  }

  private static String describe(SimulatedNetwork network) {
    StringJoiner personalities = new StringJoiner(", ");
    for (Personality personality : Personality.values()) {
      personalities.add("%s %,d".formatted(personality, network.dealersWith(personality).size()));
    }
    return "network (seed %d): %,d dealers, %,d brands, %,d regions; %s; %,d weak on SPEED"
        .formatted(
            network.seed(),
            network.dealers().size(),
            network.brands().size(),
            network.regions().size(),
            personalities,
            network.dealersWeakOn(Parameter.SPEED).size());
  }
}
