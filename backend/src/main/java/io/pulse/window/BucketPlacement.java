package io.pulse.window;

/**
 * Where an event is counted: the bucket of {@code level}'s granularity that starts at {@code
 * startMillis}. Level 0 is the finest (the shortest window's buckets).
 */
public record BucketPlacement(int level, long startMillis) {

  public String id() {
    return level + ":" + startMillis;
  }
}
