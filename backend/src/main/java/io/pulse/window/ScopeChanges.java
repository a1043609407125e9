package io.pulse.window;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * The changes this instance made to aggregates, as a hot stream. Live streams subscribe here; a
 * subscriber that cannot keep up misses changes rather than slowing ingest down (it re-reads the
 * latest numbers anyway).
 */
@Component
public class ScopeChanges {

  private final Sinks.Many<ScopeChange> sink = Sinks.many().multicast().directBestEffort();

  void publish(ScopeChange change) {
    // Several threads publish; a failed emission under contention is retried briefly.
    sink.emitNext(change, Sinks.EmitFailureHandler.busyLooping(java.time.Duration.ofMillis(50)));
  }

  public Flux<ScopeChange> flux() {
    return sink.asFlux();
  }
}
