package io.pulse.stream;

import io.pulse.system.RelayRejections;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import org.springframework.context.SmartLifecycle;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Carries items that each belong to one dealer from the instance that made them to every instance's
 * subscribers of that dealer, over the pub/sub channel named like the relay: what the feed relay
 * and the alert relay share. Items queue until the next flush, which publishes at most {@code
 * maxPerMessage} of them as one JSON array; a slow publish delays them. Past {@code maxQueued} they
 * are counted and dropped here. Every rejected item is counted under the relay's name ({@code
 * pulse_relay_rejected_total{relay=name}}): {@code overflow}, {@code unpublished}, {@code
 * undecodable}; never dropped silently. A relay says which dealer an item goes to, how a rejection
 * names it, and what a decoded one must carry to be routed.
 *
 * @param <T> the item, read and written as JSON
 */
abstract class DealerRelay<T> implements SmartLifecycle {

  private final String name;
  private final Class<T> type;
  private final Function<Consumer<List<T>>, Runnable> source;
  private final int maxQueued;
  private final int maxPerMessage;
  private final JsonMapper json;
  private final RelayRejections rejections;
  private final RelayChannel channel;
  private final Queue<T> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger queued = new AtomicInteger();
  private final Router<String, T> byDealer;
  private volatile Runnable collecting = () -> {};
  private volatile boolean running;

  /**
   * @param name the relay's name in metrics and logs, and its channel's suffix
   * @param source listens for this instance's new items until the handle it returns is run
   */
  DealerRelay(
      String name,
      Class<T> type,
      Function<Consumer<List<T>>, Runnable> source,
      int maxQueued,
      int maxPerMessage,
      RelayChannels channels,
      JsonMapper json,
      RelayRejections rejections) {
    this.name = name;
    this.type = type;
    this.source = source;
    this.maxQueued = maxQueued;
    this.maxPerMessage = maxPerMessage;
    this.json = json;
    this.rejections = rejections;
    this.channel = channels.open(name, name, this::receive, this::flush);
    this.byDealer = new Router<>(name, FluxSink.OverflowStrategy.BUFFER, rejections);
  }

  /** The dealer {@code item} goes to. */
  abstract String dealerOf(T item);

  /** {@code item} as a rejection names it. */
  abstract String label(T item);

  /** Whether a decoded item has what it takes to be routed: its dealer at least. */
  abstract boolean isRoutable(T item);

  RelayChannel channel() {
    return channel;
  }

  /** One dealer's new items (feed items, early warnings), from any instance. */
  Flux<T> itemsFor(String dealerId) {
    return byDealer.subscribe(dealerId);
  }

  @Override
  public void start() {
    running = true;
    collecting =
        source.apply(items -> {
          if (queued.get() < maxQueued) {
            queue.addAll(items);
            queued.addAndGet(items.size());
          } else {
            items.forEach(i -> rejections.reject(name, "overflow", label(i), null));
          }
        });
    channel.start();
  }

  private Mono<Void> flush() {
    List<T> items = new ArrayList<>();
    T item;
    while (items.size() < maxPerMessage && (item = queue.poll()) != null) {
      items.add(item);
    }
    if (items.isEmpty()) {
      return Mono.empty();
    }
    queued.addAndGet(-items.size());
    return channel
        .publish(json.writeValueAsString(items))
        .onErrorResume(e -> {
          items.forEach(i -> rejections.reject(name, "unpublished", label(i), e));
          return Mono.error(e);
        });
  }

  /** One message from any instance: a JSON array of items, each decoded and routed on its own. */
  private void receive(String message) {
    // Every instance gets every item; with no subscriber here there is nothing to decode.
    if (byDealer.keys() == 0) {
      return;
    }
    JsonNode array;
    try {
      array = json.readTree(message);
    } catch (RuntimeException e) {
      rejections.reject(name, "undecodable", message, e);
      return;
    }
    if (!array.isArray()) {
      rejections.reject(name, "undecodable", message, null);
      return;
    }
    for (JsonNode node : array) {
      T item;
      try {
        item = json.treeToValue(node, type);
      } catch (RuntimeException e) {
        rejections.reject(name, "undecodable", node.toString(), e);
        continue;
      }
      if (item == null || !isRoutable(item)) {
        rejections.reject(name, "undecodable", node.toString(), null);
        continue;
      }
      byDealer.dispatch(dealerOf(item), item);
    }
  }

  @Override
  public void stop() {
    collecting.run();
    channel.stop();
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
