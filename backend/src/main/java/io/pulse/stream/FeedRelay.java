package io.pulse.stream;

import io.pulse.api.FeedItem;
import io.pulse.feedback.AcceptedFeedback;
import io.pulse.system.RelayRejections;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Carries accepted feedback to every instance's live feeds over Redis pub/sub. A lost message is
 * not lost for a client: feeds resume from PostgreSQL by sequence number, on reconnect and when the
 * relay recovers. Items that cannot be queued, published or decoded are counted ({@code
 * pulse_relay_rejected_total{relay="feed"}}), never dropped silently.
 */
@Component
class FeedRelay implements SmartLifecycle {

  static final String NAME = "feed";
  private static final int MAX_QUEUED = 100_000;
  private static final int MAX_PER_MESSAGE = 500;

  private final AcceptedFeedback accepted;
  private final JsonMapper json;
  private final RelayRejections rejections;
  private final RelayChannel channel;
  private final Queue<FeedItem> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger queued = new AtomicInteger();
  private final Router<String, FeedItem> byDealer;
  private volatile Runnable collecting = () -> {};
  private volatile boolean running;

  FeedRelay(
      AcceptedFeedback accepted,
      RelayChannels channels,
      JsonMapper json,
      RelayRejections rejections) {
    this.accepted = accepted;
    this.json = json;
    this.rejections = rejections;
    this.channel = channels.open(NAME, "feed", this::receive, this::flush);
    this.byDealer = new Router<>(NAME, FluxSink.OverflowStrategy.BUFFER, rejections);
  }

  RelayChannel channel() {
    return channel;
  }

  /** One dealer's new feed items. */
  Flux<FeedItem> itemsFor(String dealerId) {
    return byDealer.subscribe(dealerId);
  }

  @Override
  public void start() {
    running = true;
    // Items queue until the next flush: a slow publish delays them. Past a bound they are
    // counted and dropped here; the feeds fetch them from PostgreSQL when the relay recovers.
    collecting =
        accepted.listen(items -> {
          if (queued.get() < MAX_QUEUED) {
            queue.addAll(items);
            queued.addAndGet(items.size());
          } else {
            items.forEach(
                i -> rejections.reject(NAME, "overflow", i.dealerId() + "#" + i.seq(), null));
          }
        });
    channel.start();
  }

  private Mono<Void> flush() {
    List<FeedItem> items = new ArrayList<>();
    FeedItem item;
    while (items.size() < MAX_PER_MESSAGE && (item = queue.poll()) != null) {
      items.add(item);
    }
    if (items.isEmpty()) {
      return Mono.empty();
    }
    queued.addAndGet(-items.size());
    return channel
        .publish(json.writeValueAsString(items))
        .onErrorResume(e -> {
          items.forEach(
              i -> rejections.reject(NAME, "unpublished", i.dealerId() + "#" + i.seq(), e));
          return Mono.error(e);
        });
  }

  /** One message from any instance: a JSON array of items, each decoded and routed on its own. */
  private void receive(String message) {
    // Every instance gets every item; with no feed open here there is nothing to decode.
    if (byDealer.keys() == 0) {
      return;
    }
    JsonNode array;
    try {
      array = json.readTree(message);
    } catch (RuntimeException e) {
      rejections.reject(NAME, "undecodable", message, e);
      return;
    }
    if (!array.isArray()) {
      rejections.reject(NAME, "undecodable", message, null);
      return;
    }
    for (JsonNode node : array) {
      FeedItem item;
      try {
        item = json.treeToValue(node, FeedItem.class);
      } catch (RuntimeException e) {
        rejections.reject(NAME, "undecodable", node.toString(), e);
        continue;
      }
      if (item == null || item.dealerId() == null) {
        rejections.reject(NAME, "undecodable", node.toString(), null);
        continue;
      }
      byDealer.dispatch(item.dealerId(), item);
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
