package io.pulse.window;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.pulse.index.Tally;
import io.pulse.system.RedisConnections;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.data.redis.serializer.RedisElementReader;
import org.springframework.data.redis.serializer.RedisElementWriter;
import org.springframework.data.redis.serializer.StringRedisSerializer;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The Redis side of the sliding windows: runs the Lua scripts that apply events, slide windows,
 * read and rebuild one scope atomically, and keeps the ticker's schedule.
 */
@Component
public class WindowStore {

  /** What applying events to a scope did. */
  public record ApplyResult(boolean initialised, long applied) {}

  /** What sliding a scope did: when it next has work, and which windows' totals changed. */
  public record AdvanceResult(long nextDue, int changedWindowMask) {}

  /**
   * The version of the counters' layout in Redis, meta field {@code v} (checked by the scripts): a
   * scope of another version reads as not initialised and is rebuilt from PostgreSQL at its next
   * event. 2: packed counters; 3: with the events' composites ({@link TallyFields}).
   */
  static final String LAYOUT_VERSION = "3";

  private final RedisConnections redis;
  private final WindowLayout layout;
  private final AggregateKeys keys;
  private final int maxSteps;
  private final MeterRegistry meters;

  @SuppressWarnings("rawtypes")
  private final RedisScript<List> applyScript = script("apply");

  @SuppressWarnings("rawtypes")
  private final RedisScript<List> advanceScript = script("advance");

  @SuppressWarnings("rawtypes")
  private final RedisScript<List> readScript = script("read");

  @SuppressWarnings("rawtypes")
  private final RedisScript<List> rebuildScript = script("rebuild");

  @SuppressWarnings("rawtypes")
  private final RedisScript<List> claimScript = script("claim");

  private final RedisScript<Long> scheduleScript = RedisScript.of(source("schedule"), Long.class);
  private final RedisScript<Long> releaseScript = RedisScript.of(source("release"), Long.class);
  private final Map<String, Timer> timers = new ConcurrentHashMap<>();
  private final Counter runsRefused;

  public WindowStore(
      RedisConnections redis,
      WindowLayout layout,
      AggregateKeys keys,
      WindowProperties properties,
      MeterRegistry meters) {
    this.redis = redis;
    this.layout = layout;
    this.keys = keys;
    this.maxSteps = properties.maxStepsPerAdvance();
    this.meters = meters;
    this.runsRefused =
        Counter.builder("pulse.aggregates.runs.refused")
            .description(
                "Summed applies Redis refused (some event may be in already, or numbers arrived out"
                    + " of order); they went event by event instead")
            .register(meters);
  }

  @SuppressWarnings("rawtypes")
  private static RedisScript<List> script(String name) {
    return RedisScript.of(source(name), List.class);
  }

  /**
   * Scripts are read once, as text: a resource-backed script re-checks the file on every call
   * (inside a fat jar that is a nested-jar URL parse per call, measured at 18 % of ingest CPU).
   */
  private static String source(String name) {
    try {
      return new ClassPathResource("scripts/" + name + ".lua")
          .getContentAsString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public WindowLayout layout() {
    return layout;
  }

  public AggregateKeys keys() {
    return keys;
  }

  /**
   * Applies events to one scope. Events the scope already has are skipped.
   *
   * <p>The usual case, events just numbered by one write, goes in summed per bucket ("runs"): when
   * each source dealer's events in the call are consecutive numbers, Redis adds each bucket's
   * totals once instead of each event's, and checks only that none of them is in yet. Anything else
   * (a replay, a catch-up, numbers out of order) goes event by event.
   */
  public Mono<ApplyResult> apply(
      AggregateScope scope, Instant now, Collection<WindowedEvent> events) {
    Optional<List<String>> runs = runArguments(scope, now, events);
    if (runs.isEmpty()) {
      return applyEachEvent(scope, now, events);
    }
    return run(redis.ingest(), "apply", applyScript, scope, runs.get())
        .flatMap(r -> {
          if (num(r.get(0)) == RUNS_REFUSED) {
            runsRefused.increment();
            return applyEachEvent(scope, now, events);
          }
          return Mono.just(new ApplyResult(num(r.get(0)) == 0, num(r.get(1))));
        });
  }

  /** What apply.lua answers when some event of the runs may be in already. */
  private static final int RUNS_REFUSED = 2;

  private Mono<ApplyResult> applyEachEvent(
      AggregateScope scope, Instant now, Collection<WindowedEvent> events) {
    List<String> args = header(now);
    args.add("e");
    boolean cell = scope instanceof AggregateScope.Cell;
    // "Newest event counted": events outside every window do not move it.
    long acceptedAt = 0;
    for (WindowedEvent e : events) {
      args.add(cell ? e.dealerId() : "");
      args.add(Long.toString(e.seq()));
      Optional<BucketPlacement> place = layout.place(e.occurredAt(), now);
      if (place.isPresent()) {
        args.add(Integer.toString(place.get().level()));
        args.add(Long.toString(place.get().startMillis()));
        acceptedAt = Math.max(acceptedAt, e.acceptedAt().toEpochMilli());
      } else {
        args.add("-1");
        args.add("0");
      }
      TallyFields.appendAnswer(args, e.stage(), e.scores());
    }
    args.set(1, Long.toString(acceptedAt));
    return run(redis.ingest(), "apply", applyScript, scope, args)
        .map(r -> new ApplyResult(num(r.get(0)) == 0, num(r.get(1))));
  }

  /** The runs form of {@code events}, if each source's numbers are consecutive. */
  private Optional<List<String>> runArguments(
      AggregateScope scope, Instant now, Collection<WindowedEvent> events) {
    boolean cell = scope instanceof AggregateScope.Cell;
    Map<String, List<Long>> seqsBySource = new LinkedHashMap<>();
    for (WindowedEvent e : events) {
      seqsBySource.computeIfAbsent(cell ? e.dealerId() : "", s -> new ArrayList<>()).add(e.seq());
    }
    List<String> args = header(now);
    args.add("r");
    args.add(Integer.toString(seqsBySource.size()));
    for (Map.Entry<String, List<Long>> run : seqsBySource.entrySet()) {
      List<Long> seqs = run.getValue();
      seqs.sort(null);
      for (int i = 1; i < seqs.size(); i++) {
        if (seqs.get(i) != seqs.get(i - 1) + 1) {
          return Optional.empty();
        }
      }
      args.add(run.getKey());
      args.add(Long.toString(seqs.getFirst()));
      args.add(Long.toString(seqs.getLast()));
    }
    Map<BucketPlacement, Tally.Builder> buckets = new LinkedHashMap<>();
    long acceptedAt = 0;
    for (WindowedEvent e : events) {
      Optional<BucketPlacement> place = layout.place(e.occurredAt(), now);
      if (place.isPresent()) {
        buckets.computeIfAbsent(place.get(), b -> Tally.builder()).addAnswer(e.stage(), e.scores());
        acceptedAt = Math.max(acceptedAt, e.acceptedAt().toEpochMilli());
      }
    }
    buckets.forEach((b, tally) -> {
      args.add(Integer.toString(b.level()));
      args.add(Long.toString(b.startMillis()));
      TallyFields.appendIncrements(args, tally.build());
    });
    args.set(1, Long.toString(acceptedAt));
    return Optional.of(args);
  }

  /** now, newest acceptance time (set by the caller), and the window layout. */
  private List<String> header(Instant now) {
    List<String> args = new ArrayList<>(64);
    args.add(Long.toString(now.toEpochMilli()));
    args.add("0");
    args.add(Integer.toString(layout.size()));
    args.addAll(layout.scriptArguments());
    return args;
  }

  /**
   * Records sequence numbers as applied without counting anything: numbers PostgreSQL consumed
   * without storing an event (a batch that lost a race on a duplicate id).
   */
  public Mono<Long> markApplied(
      AggregateScope scope, Instant now, String dealerId, Collection<Long> seqs) {
    List<String> args = header(now);
    args.add("e");
    String source = scope instanceof AggregateScope.Cell ? dealerId : "";
    for (long seq : seqs) {
      args.add(source);
      args.add(Long.toString(seq));
      args.add("-1");
      args.add("0");
      args.add("0");
    }
    return run(redis.background(), "apply", applyScript, scope, args).map(r -> num(r.get(1)));
  }

  /**
   * Marks scopes as initialised and empty, unless they already are (HSETNX): only for scopes known
   * to have no events, e.g. dealers just created.
   */
  public Mono<Long> initialiseEmpty(Collection<AggregateScope> scopes) {
    return Flux.fromIterable(scopes)
        .flatMap(
            s -> redis.ingest().opsForHash().putIfAbsent(keys.base(s) + ":m", "v", LAYOUT_VERSION),
            64)
        .filter(Boolean::booleanValue)
        .count()
        .publishOn(Schedulers.parallel());
  }

  /** The scope's meta hash (high-water marks, last acceptance); empty if not initialised. */
  public Mono<Map<String, String>> meta(AggregateScope scope) {
    return redis
        .background()
        .<String, String>opsForHash()
        .entries(keys.base(scope) + ":m")
        .collectMap(Map.Entry::getKey, Map.Entry::getValue)
        .publishOn(Schedulers.parallel());
  }

  /** Seals and expires whatever buckets of the scope are due at {@code now}. */
  public Mono<AdvanceResult> advance(AggregateScope scope, Instant now) {
    List<String> args = new ArrayList<>();
    args.add(Long.toString(now.toEpochMilli()));
    args.add(Integer.toString(layout.size()));
    args.addAll(layout.scriptArguments());
    args.add(Integer.toString(maxSteps));
    return run(redis.background(), "advance", advanceScript, scope, args)
        .map(r -> new AdvanceResult(num(r.get(0)), (int) num(r.get(1))));
  }

  /** Reads the given windows of a scope; empty when the scope has not been initialised. */
  public Mono<Optional<ScopeReading>> read(AggregateScope scope, List<WindowSpec> windows) {
    List<String> args = windows.stream().map(w -> Integer.toString(w.index())).toList();
    return run(redis.reads(), "read", readScript, scope, args, PACKED)
        .map(r -> {
          if (num(r.get(0)) == 0) {
            return Optional.empty();
          }
          long[] open = new long[TallyFields.SLOTS];
          for (Object bucket : (List<?>) r.get(2)) {
            TallyFields.addPacked(open, (String) bucket);
          }
          Map<WindowSpec, Tally> tallies = new LinkedHashMap<>();
          for (int i = 0; i < windows.size(); i++) {
            long[] total = open.clone();
            TallyFields.addPacked(total, (String) r.get(3 + i));
            tallies.put(windows.get(i), TallyFields.fromCounters(total));
          }
          String last = (String) r.get(1);
          Instant lastAccepted =
              last == null || last.equals("0") ? null : Instant.ofEpochMilli(Long.parseLong(last));
          return Optional.of(new ScopeReading(tallies, lastAccepted));
        });
  }

  /**
   * Replaces a scope's state with one computed from the given events (all events of the scope still
   * inside the longest window), and sets each source dealer's high-water mark.
   *
   * @param highWaterMarks source ('' for a dealer scope, else dealer id) → last seq the snapshot
   *     saw
   * @return when the scope next has work due, or −1
   */
  public Mono<Long> rebuild(
      AggregateScope scope,
      Instant now,
      Map<String, Long> highWaterMarks,
      Collection<WindowedEvent> events) {
    Map<BucketPlacement, Tally> buckets = new LinkedHashMap<>();
    long lastAcceptedAt = 0;
    for (WindowedEvent e : events) {
      Optional<BucketPlacement> b = layout.place(e.occurredAt(), now);
      if (b.isPresent()) {
        buckets.merge(b.get(), e.tally(), Tally::plus);
        lastAcceptedAt = Math.max(lastAcceptedAt, e.acceptedAt().toEpochMilli());
      }
    }
    List<String> args = new ArrayList<>();
    args.add(Long.toString(now.toEpochMilli()));
    args.add(Integer.toString(layout.size()));
    args.addAll(layout.scriptArguments());
    args.add(Long.toString(lastAcceptedAt));
    args.add(Integer.toString(highWaterMarks.size()));
    highWaterMarks.forEach((source, hw) -> {
      args.add(source);
      args.add(Long.toString(hw));
    });
    buckets.forEach((b, tally) -> {
      args.add(Integer.toString(b.level()));
      args.add(Long.toString(b.startMillis()));
      TallyFields.appendIncrements(args, tally);
    });
    return run(redis.background(), "rebuild", rebuildScript, scope, args).map(r -> num(r.get(0)));
  }

  /** Makes sure each scope is woken no later than its given time (keeps earlier times). */
  public Mono<Void> schedule(Map<AggregateScope, Long> dueByScope) {
    Map<String, List<String>> byShard = new LinkedHashMap<>();
    dueByScope.forEach((scope, due) -> {
      List<String> args =
          byShard.computeIfAbsent(keys.scheduleShard(scope), k -> new ArrayList<>());
      args.add(Long.toString(due));
      args.add(scope.tag());
    });
    return Flux.fromIterable(byShard.entrySet())
        .flatMap(e -> redis.ingest().execute(scheduleScript, List.of(e.getKey()), e.getValue()))
        .then()
        // What follows (applying the events) must not run on the Lettuce I/O thread.
        .publishOn(Schedulers.parallel());
  }

  /**
   * Claims up to {@code limit} scopes due at {@code now} from one shard until {@code lease};
   * returns their tags as the schedule holds them (the caller parses each on its own).
   */
  public Mono<List<String>> claim(String shard, Instant now, long leaseUntil, int limit) {
    List<String> args =
        List.of(
            Long.toString(now.toEpochMilli()), Long.toString(leaseUntil), Integer.toString(limit));
    return execute(redis.background(), "claim", claimScript, shard, args)
        .map(r -> r.stream().map(String::valueOf).toList());
  }

  /**
   * Hands claimed scopes back, by tag, with their next due times (−1: nothing due, drop from the
   * schedule).
   */
  public Mono<Void> release(String shard, long leaseUntil, Map<String, Long> nextDue) {
    if (nextDue.isEmpty()) {
      return Mono.empty();
    }
    List<String> args = new ArrayList<>();
    args.add(Long.toString(leaseUntil));
    nextDue.forEach((tag, due) -> {
      args.add(tag);
      args.add(Long.toString(due));
    });
    return redis
        .background()
        .execute(releaseScript, List.of(shard), args)
        .then()
        .publishOn(Schedulers.parallel());
  }

  /** The earliest due time in a shard (for the ticker-lag metric), or empty. */
  public Mono<Double> earliestDue(String shard) {
    return redis
        .background()
        .opsForZSet()
        .rangeWithScores(shard, Range.closed(0L, 0L))
        .next()
        .mapNotNull(t -> t.getScore())
        .publishOn(Schedulers.parallel());
  }

  @SuppressWarnings("rawtypes")
  private Mono<List<?>> run(
      ReactiveStringRedisTemplate connection,
      String name,
      RedisScript<List> script,
      AggregateScope scope,
      List<String> args) {
    return execute(connection, name, script, keys.base(scope), args, TEXT);
  }

  @SuppressWarnings("rawtypes")
  private Mono<List<?>> run(
      ReactiveStringRedisTemplate connection,
      String name,
      RedisScript<List> script,
      AggregateScope scope,
      List<String> args,
      RedisElementReader<List> replies) {
    return execute(connection, name, script, keys.base(scope), args, replies);
  }

  private Mono<List<?>> execute(
      ReactiveStringRedisTemplate connection,
      String name,
      @SuppressWarnings("rawtypes") RedisScript<List> script,
      String key,
      List<String> args) {
    return execute(connection, name, script, key, args, TEXT);
  }

  @SuppressWarnings("rawtypes")
  private Mono<List<?>> execute(
      ReactiveStringRedisTemplate connection,
      String name,
      RedisScript<List> script,
      String key,
      List<String> args,
      RedisElementReader<List> replies) {
    Timer timer =
        timers.computeIfAbsent(
            name,
            n ->
                Timer.builder("pulse.redis.script")
                    .description("Latency of the aggregate Lua scripts")
                    .tag("script", n)
                    .publishPercentileHistogram()
                    .register(meters));
    return Mono.defer(() -> {
      long started = System.nanoTime();
      return connection
          .execute(script, List.of(key), args, ARGUMENTS, replies)
          .next()
          .<List<?>>map(r -> r)
          .defaultIfEmpty(List.of())
          .doOnTerminate(() -> timer.record(System.nanoTime() - started, TimeUnit.NANOSECONDS))
          // Replies complete on the one Lettuce I/O thread; what follows (the next script's
          // arguments, change publishing) runs elsewhere, so that thread only does I/O.
          .publishOn(Schedulers.parallel());
    });
  }

  private static final RedisElementWriter<String> ARGUMENTS =
      RedisElementWriter.from(StringRedisSerializer.UTF_8);

  /** Replies as text: every script but the read answers numbers and ids. */
  @SuppressWarnings({"rawtypes", "unchecked"})
  private static final RedisElementReader<List> TEXT =
      (RedisElementReader) RedisElementReader.from(StringRedisSerializer.UTF_8);

  /**
   * Replies one char per byte, so that strings of packed counters arrive intact (UTF-8 would
   * replace their bytes above 0x7F).
   */
  @SuppressWarnings({"rawtypes", "unchecked"})
  private static final RedisElementReader<List> PACKED =
      (RedisElementReader) RedisElementReader.from(StringRedisSerializer.ISO_8859_1);

  private static long num(Object o) {
    return o instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(o));
  }
}
