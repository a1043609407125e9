package io.pulse.network;

import io.pulse.api.Brand;
import io.pulse.api.Dealer;
import io.pulse.api.Region;
import io.pulse.system.BackgroundLoops;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * An in-memory copy of the dealers (10k dealers are a few MB), so ingest resolves a dealer's brand
 * and region without a query. Misses go to PostgreSQL, so a dealer created through another instance
 * is found at once; a periodic reload picks up moves made elsewhere.
 */
@Component
public class DealerDirectory implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(DealerDirectory.class);
  private static final Duration RELOAD = Duration.ofSeconds(30);
  private static final Duration FIRST_LOAD = Duration.ofSeconds(30);

  private final NetworkRepository repository;
  private final BackgroundLoops loops;
  private final Map<String, Dealer> dealers = new ConcurrentHashMap<>();
  private final Map<String, Brand> brands = new ConcurrentHashMap<>();
  private final Map<String, Region> regions = new ConcurrentHashMap<>();
  private final AtomicLong version = new AtomicLong();
  private volatile Disposable reloads = () -> {};
  private volatile boolean running;

  DealerDirectory(NetworkRepository repository, BackgroundLoops loops) {
    this.repository = repository;
    this.loops = loops;
  }

  /** The known dealers among {@code ids}, by id. Unknown ids are simply absent. */
  public Mono<Map<String, Dealer>> resolve(Collection<String> ids) {
    Map<String, Dealer> found = new HashMap<>();
    List<String> misses =
        ids.stream()
            .distinct()
            .filter(id -> {
              Dealer d = dealers.get(id);
              if (d != null) {
                found.put(id, d);
                return false;
              }
              return true;
            })
            .toList();
    if (misses.isEmpty()) {
      return Mono.just(found);
    }
    return repository
        .dealers(misses)
        .doOnNext(this::remember)
        .collectList()
        .map(loaded -> {
          loaded.forEach(d -> found.put(d.id(), d));
          return found;
        });
  }

  public Mono<Optional<Dealer>> dealer(String id) {
    return resolve(List.of(id)).map(m -> Optional.ofNullable(m.get(id)));
  }

  public Optional<Brand> brand(String id) {
    return Optional.ofNullable(brands.get(id));
  }

  public Optional<Region> region(String id) {
    return Optional.ofNullable(regions.get(id));
  }

  /** A snapshot of every dealer known to this instance. */
  public Collection<Dealer> dealers() {
    return List.copyOf(dealers.values());
  }

  /** Grows whenever the directory's content changes, so derived views know to recompute. */
  public long version() {
    return version.get();
  }

  void remember(Dealer d) {
    if (!d.equals(dealers.put(d.id(), d))) {
      version.incrementAndGet();
    }
  }

  void remember(Brand b) {
    if (!b.equals(brands.put(b.id(), b))) {
      version.incrementAndGet();
    }
  }

  void remember(Region r) {
    if (!r.equals(regions.put(r.id(), r))) {
      version.incrementAndGet();
    }
  }

  /** Reloads everything from PostgreSQL. */
  public Mono<Void> reload() {
    return Mono.when(
        repository.dealers().doOnNext(this::remember).then(),
        repository.brands().doOnNext(this::remember).then(),
        repository.regions().doOnNext(this::remember).then());
  }

  /**
   * Loads the directory once before the instance takes requests (brands and regions are only ever
   * read from memory: without this, an instance just started answers "no region" until its first
   * reload), then reloads it every 30 s in the background.
   */
  @Override
  public void start() {
    try {
      reload().block(FIRST_LOAD);
    } catch (RuntimeException e) {
      // PostgreSQL not there yet: readiness says so; the background reloads fill it in.
      log.warn("Loading the dealer directory at start failed: {}", e.toString());
    }
    running = true;
    reloads = loops.every("directory-reload", RELOAD, this::reload).subscribe();
  }

  @Override
  public void stop() {
    reloads.dispose();
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Before the web server starts (Boot's web server lifecycle runs in a late phase). */
  @Override
  public int getPhase() {
    return 0;
  }
}
