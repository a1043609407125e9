package io.pulse.loadtest;

import io.gatling.javaapi.core.Simulation;
import io.pulse.loadtest.config.LoadConfig;
import io.pulse.loadtest.config.LoadConfig.Defaults;
import io.pulse.loadtest.config.LoadProfile;
import io.pulse.loadtest.config.Network;
import io.pulse.loadtest.config.RunClock;
import io.pulse.loadtest.feeders.DealerSkew;
import io.pulse.loadtest.streams.StreamRecorder;
import io.pulse.loadtest.streams.StreamTotals;
import java.time.Duration;
import java.util.function.Function;

/**
 * A simulation whose virtual users hold live streams while feedback arrives (cabinets, executives,
 * soak, overload). Built, it has read its settings over its profile's defaults and the backend's
 * dealer network; right before the injection it prints its settings and starts the run clock; after
 * it, it prints what the streams saw. Both follow the simulation's class name, by which
 * load-tests/run.sh picks them out of Gatling's output.
 */
abstract class ListenerSimulation extends Simulation {

  final LoadConfig config;
  final RunClock clock = new RunClock();
  final StreamTotals totals = new StreamTotals();
  final Network network;

  /** How feedback is spread over the network's dealers. */
  final DealerSkew skew;

  ListenerSimulation(Function<LoadProfile, Defaults> defaults) {
    config = LoadConfig.fromSystemProperties(defaults);
    network = Network.load(config);
    skew = DealerSkew.over(network, config);
  }

  /**
   * Puts what the streams show into the report; events accepted before the end of the ramp count
   * apart, and {@code phases} names extra series.
   */
  StreamRecorder recorder(StreamRecorder.Phases phases) {
    return new StreamRecorder(totals, phases, true, () -> clock.after(config.ramp()));
  }

  /** The settings printed before the run. */
  String settings() {
    return config.describe();
  }

  /** When the steady state ends, counted from the start; it begins at the end of the ramp. */
  Duration end() {
    return config.total();
  }

  /** What the run saw, printed after it. */
  String outcome() {
    return totals.summary();
  }

  @Override
  public void before() {
    System.out.println(getClass().getSimpleName() + ": " + settings());
    clock.start(config.ramp(), end());
  }

  @Override
  public void after() {
    System.out.println(getClass().getSimpleName() + ": " + outcome());
  }
}
