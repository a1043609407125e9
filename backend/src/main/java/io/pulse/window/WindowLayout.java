package io.pulse.window;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The windows and their nested bucket sizes.
 *
 * <p>Bucket size of window i is the largest multiple of window i−1's bucket size that is at most
 * 1/60 of window i. Nesting lets a bucket that leaves a short window be folded whole into one
 * bucket of the next window, so every event is counted once per window and never split.
 */
public final class WindowLayout {

  private final List<WindowSpec> windows;
  private final long[] bucketMillis;
  private final long[] lengthMillis;

  private WindowLayout(List<WindowSpec> windows) {
    this.windows = List.copyOf(windows);
    this.bucketMillis = windows.stream().mapToLong(w -> w.bucket().toMillis()).toArray();
    this.lengthMillis = windows.stream().mapToLong(w -> w.length().toMillis()).toArray();
  }

  public static WindowLayout of(List<Duration> lengths) {
    if (lengths.isEmpty()) {
      throw new IllegalArgumentException("at least one window is needed");
    }
    List<Duration> sorted = lengths.stream().distinct().sorted().toList();
    List<WindowSpec> specs = new ArrayList<>();
    long previousBucket = 0;
    for (Duration length : sorted) {
      long finest = length.toMillis() / 60;
      if (finest < 1000) {
        throw new IllegalArgumentException("window " + length + " is shorter than a minute");
      }
      long bucket = previousBucket == 0 ? finest : (finest / previousBucket) * previousBucket;
      specs.add(
          new WindowSpec(
              WindowSpec.nameOf(length), specs.size(), length, Duration.ofMillis(bucket)));
      previousBucket = bucket;
    }
    return new WindowLayout(specs);
  }

  public List<WindowSpec> windows() {
    return windows;
  }

  public int size() {
    return windows.size();
  }

  public WindowSpec longest() {
    return windows.getLast();
  }

  public Optional<WindowSpec> byName(String name) {
    return windows.stream().filter(w -> w.name().equals(name)).findFirst();
  }

  /** What a window parameter may be, for error messages: e.g. "1h, 24h, 7d, 30d". */
  public String names() {
    return String.join(", ", windows.stream().map(WindowSpec::name).toList());
  }

  public long bucketMillis(int level) {
    return bucketMillis[level];
  }

  public long lengthMillis(int level) {
    return lengthMillis[level];
  }

  /**
   * The finest bucket an event at {@code occurredAt} belongs in at time {@code now}, or empty when
   * it is outside every window. A bucket is inside window i while its end is after now − window.
   */
  public Optional<BucketPlacement> place(Instant occurredAt, Instant now) {
    long t = occurredAt.toEpochMilli();
    long n = now.toEpochMilli();
    for (int level = 0; level < windows.size(); level++) {
      long start = Math.floorDiv(t, bucketMillis[level]) * bucketMillis[level];
      if (start + bucketMillis[level] > n - lengthMillis[level]) {
        return Optional.of(new BucketPlacement(level, start));
      }
    }
    return Optional.empty();
  }

  /**
   * The earliest occurredAt that counts in {@code window} at {@code now}: the start of the bucket
   * of the window's size that contains now − window (an event counts while its bucket ends after
   * now − window). Whatever else cuts the same window — PostgreSQL queries of stage figures,
   * drivers, repeated customers — starts here, so its counts add up to the window's.
   */
  public Instant firstCounted(WindowSpec window, Instant now) {
    long g = bucketMillis[window.index()];
    return Instant.ofEpochMilli(
        Math.floorDiv(now.toEpochMilli() - lengthMillis[window.index()], g) * g);
  }

  /** When the ticker next has work for a bucket created now: its end if still open, else expiry. */
  public long firstDue(BucketPlacement b, Instant now) {
    long end = b.startMillis() + bucketMillis[b.level()];
    if (b.level() == 0 && end > now.toEpochMilli()) {
      return end;
    }
    return end + lengthMillis[b.level()];
  }

  /** Bucket sizes then window lengths, in milliseconds, as the Lua scripts take them. */
  List<String> scriptArguments() {
    List<String> args = new ArrayList<>();
    for (long g : bucketMillis) {
      args.add(Long.toString(g));
    }
    for (long w : lengthMillis) {
      args.add(Long.toString(w));
    }
    return args;
  }
}
