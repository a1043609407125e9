package io.pulse.loadtest.config;

import io.gatling.javaapi.core.Session;
import java.time.Duration;
import java.util.function.Function;

/**
 * The wall-clock start of a run, set in the simulation's {@code before()}, so that every listener
 * stays until one common end (ramp + hold) however late in the ramp it arrived.
 */
public final class RunClock {

  private volatile long startedAt = System.currentTimeMillis();

  /**
   * Marks the start of the injection and prints the steady-state window ({@code pulse-load: hold
   * from … to …}, epoch ms), which load-tests/run.sh reads to measure CPU and memory over it.
   */
  public void start(LoadConfig config) {
    start(config.ramp(), config.total());
  }

  /** As {@link #start(LoadConfig)}, for a steady state from {@code ramp} to {@code end}. */
  public void start(Duration ramp, Duration end) {
    startedAt = System.currentTimeMillis();
    System.out.printf(
        "pulse-load: hold from %d to %d%n",
        startedAt + ramp.toMillis(), startedAt + end.toMillis());
  }

  /** Epoch milliseconds {@code offset} after the start (e.g. the end of the ramp). */
  public long after(Duration offset) {
    return startedAt + offset.toMillis();
  }

  /** Epoch milliseconds of the start. */
  public long startedAt() {
    return startedAt;
  }

  /**
   * For {@code during(…)}: remembers in the session, once, the time left until {@code offset} after
   * the start (a {@code during} duration is evaluated on every iteration, so it must not shrink as
   * the loop runs), and returns it. At least 0.
   */
  public Function<Session, Duration> until(Duration offset) {
    String key = "pulse.listenUntil." + offset.toMillis();
    return session -> {
      Long remaining = session.getLongWrapper(key);
      return Duration.ofMillis(remaining == null ? 0 : remaining);
    };
  }

  /** Stores what {@link #until(Duration)} returns for this user; run it right before the loop. */
  public Function<Session, Session> fixUntil(Duration offset) {
    String key = "pulse.listenUntil." + offset.toMillis();
    return session ->
        session.set(key, Math.max(0, startedAt + offset.toMillis() - System.currentTimeMillis()));
  }
}
