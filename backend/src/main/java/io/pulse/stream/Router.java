package io.pulse.stream;

import io.pulse.system.RelayRejections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

/**
 * Hands each value only to the subscribers of its key, so dispatch costs O(subscribers of that
 * key), not O(all subscribers): with 10k dealer streams, a change to one dealer touches one. A
 * subscriber that throws is counted and skipped; the others still get the value.
 */
final class Router<K, V> {

  private final String relay;
  private final Map<K, List<FluxSink<V>>> routes = new ConcurrentHashMap<>();
  private final FluxSink.OverflowStrategy overflow;
  private final RelayRejections rejections;

  Router(String relay, FluxSink.OverflowStrategy overflow, RelayRejections rejections) {
    this.relay = relay;
    this.overflow = overflow;
    this.rejections = rejections;
  }

  Flux<V> subscribe(K key) {
    return Flux.create(
        sink -> {
          // Atomically with the removal below: a list emptied and removed by the last
          // subscriber's dispose must not receive the new sink (it would never be dispatched to).
          routes.compute(
              key,
              (k, sinks) -> {
                List<FluxSink<V>> list = sinks == null ? new CopyOnWriteArrayList<>() : sinks;
                list.add(sink);
                return list;
              });
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
        try {
          sink.next(value);
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
