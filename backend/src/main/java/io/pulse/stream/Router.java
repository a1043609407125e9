package io.pulse.stream;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

/**
 * Hands each value only to the subscribers of its key, so dispatch costs O(subscribers of that
 * key), not O(all subscribers): with 10k dealer streams, a change to one dealer touches one.
 */
final class Router<K, V> {

  private final Map<K, List<FluxSink<V>>> routes = new ConcurrentHashMap<>();
  private final FluxSink.OverflowStrategy overflow;

  Router(FluxSink.OverflowStrategy overflow) {
    this.overflow = overflow;
  }

  Flux<V> subscribe(K key) {
    return Flux.create(
        sink -> {
          routes.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(sink);
          sink.onDispose(() ->
              routes.computeIfPresent(
                  key,
                  (k, sinks) -> {
                    sinks.remove(sink);
                    return sinks.isEmpty() ? null : sinks;
                  }));
        },
        overflow);
  }

  void dispatch(K key, V value) {
    List<FluxSink<V>> sinks = routes.get(key);
    if (sinks != null) {
      for (FluxSink<V> sink : sinks) {
        sink.next(value);
      }
    }
  }

  int keys() {
    return routes.size();
  }
}
