package io.pulse.window;

import java.util.List;
import java.util.stream.IntStream;

/**
 * Names of the Redis keys. Every key starts with the configured prefix (one per deployment, or per
 * test run), and every key of a scope carries the scope's hash tag.
 */
public final class AggregateKeys {

  private final String prefix;
  private final int scheduleShards;

  public AggregateKeys(String prefix, int scheduleShards) {
    this.prefix = prefix;
    this.scheduleShards = scheduleShards;
  }

  public String prefix() {
    return prefix;
  }

  /** The base every key of the scope derives from, e.g. {@code pulse:{d:D1}}. */
  public String base(AggregateScope scope) {
    return prefix + ":{" + scope.tag() + "}";
  }

  /**
   * The ticker's schedule is split over shards (each its own slot) so that no single key takes
   * every scope's wake-ups.
   */
  public String scheduleShard(AggregateScope scope) {
    return scheduleShard(Math.floorMod(scope.tag().hashCode(), scheduleShards));
  }

  public String scheduleShard(int shard) {
    return prefix + ":sched:{" + shard + "}";
  }

  public List<String> scheduleShards() {
    return IntStream.range(0, scheduleShards).mapToObj(this::scheduleShard).toList();
  }

  /**
   * Marks that a full rebuild from PostgreSQL has completed since Redis was last empty. Named for
   * the layout of the counters ({@link WindowStore#LAYOUT_VERSION}, see {@code TallyFields}), so
   * that an upgrade from an older layout finds no marker and rebuilds everything at start.
   */
  public String readyMarker() {
    return prefix + ":ready:v" + WindowStore.LAYOUT_VERSION;
  }
}
