package io.pulse.stream;

import io.pulse.system.RelayRejections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

/**
 * Hands each value only to the subscribers of its key, so dispatch costs O(subscribers of that
 * key), not O(all subscribers): with 10k dealer streams, a change to one dealer touches one. A
 * subscriber that throws is counted and skipped; the others still get the value.
 */
final class Router<K, V> {

  private final String relay;
  private final Map<K, List<Consumer<V>>> routes = new ConcurrentHashMap<>();
  private final FluxSink.OverflowStrategy overflow;
  private final RelayRejections rejections;

  Router(String relay, FluxSink.OverflowStrategy overflow, RelayRejections rejections) {
    this.relay = relay;
    this.overflow = overflow;
    this.rejections = rejections;
  }

  /** The values of {@code key} as a stream, buffered by the overflow strategy of this router. */
  Flux<V> subscribe(K key) {
    return Flux.create(
        sink -> {
          Runnable off = listen(key, sink::next);
          sink.onDispose(off::run);
        },
        overflow);
  }

  /**
   * Calls {@code listener} with every value of {@code key}, on the dispatching thread, until the
   * returned handle is run; it must be quick.
   */
  Runnable listen(K key, Consumer<V> listener) {
    // Atomically with the removal below: a list emptied and removed by the last listener's
    // removal must not receive the new one (it would never be dispatched to).
    routes.compute(
        key,
        (k, listeners) -> {
          List<Consumer<V>> list = listeners == null ? new CopyOnWriteArrayList<>() : listeners;
          list.add(listener);
          return list;
        });
    return () ->
        routes.computeIfPresent(
            key,
            (k, listeners) -> {
              listeners.remove(listener);
              return listeners.isEmpty() ? null : listeners;
            });
  }

  void dispatch(K key, V value) {
    List<Consumer<V>> listeners = routes.get(key);
    if (listeners != null) {
      for (Consumer<V> listener : listeners) {
        try {
          listener.accept(value);
        } catch (RuntimeException e) {
          rejections.reject(relay, "subscriber-failed", String.valueOf(key), e);
        }
      }
    }
  }

  int keys() {
    return routes.size();
  }
}
