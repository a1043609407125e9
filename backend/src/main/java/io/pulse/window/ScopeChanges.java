package io.pulse.window;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

/**
 * The changes this instance makes to aggregates. Listeners are called on the publishing thread
 * (often a Netty event loop), so they must be quick and non-blocking — the stream relay only merges
 * the change into a map. No sink in between: concurrent publishers never wait on each other.
 */
@Component
public class ScopeChanges {

  private final List<Consumer<ScopeChange>> listeners = new CopyOnWriteArrayList<>();

  void publish(ScopeChange change) {
    for (Consumer<ScopeChange> listener : listeners) {
      listener.accept(change);
    }
  }

  /** Calls {@code listener} with every change until the returned handle is run. */
  public Runnable listen(Consumer<ScopeChange> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  /** The changes as a hot stream (latest kept for a slow subscriber). */
  public Flux<ScopeChange> flux() {
    return Flux.create(
        sink -> sink.onDispose(listen(sink::next)::run), FluxSink.OverflowStrategy.LATEST);
  }
}
