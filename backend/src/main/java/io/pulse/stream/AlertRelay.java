package io.pulse.stream;

import io.pulse.alert.RaisedAlerts;
import io.pulse.api.Alert;
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
 * Carries early warnings, as the alerts they became, from the instance that raised them to every
 * instance's feeds of their dealers, over Redis pub/sub. A lost message loses no alert (the alert
 * list reads PostgreSQL), only its push; rejects are counted ({@code
 * pulse_relay_rejected_total{relay="alerts"}}).
 */
@Component
class AlertRelay implements SmartLifecycle {

  static final String NAME = "alerts";
  private static final int MAX_QUEUED = 10_000;
  private static final int MAX_PER_MESSAGE = 200;

  private final RaisedAlerts raised;
  private final JsonMapper json;
  private final RelayRejections rejections;
  private final RelayChannel channel;
  private final Queue<Alert> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger queued = new AtomicInteger();
  private final Router<String, Alert> byDealer;
  private volatile Runnable collecting = () -> {};
  private volatile boolean running;

  AlertRelay(
      RaisedAlerts raised, RelayChannels channels, JsonMapper json, RelayRejections rejections) {
    this.raised = raised;
    this.json = json;
    this.rejections = rejections;
    this.channel = channels.open(NAME, "alerts", this::receive, this::flush);
    this.byDealer = new Router<>(NAME, FluxSink.OverflowStrategy.BUFFER, rejections);
  }

  RelayChannel channel() {
    return channel;
  }

  /** One dealer's new early warnings. */
  Flux<Alert> alertsFor(String dealerId) {
    return byDealer.subscribe(dealerId);
  }

  @Override
  public void start() {
    running = true;
    collecting =
        raised.listen(alerts -> {
          if (queued.get() < MAX_QUEUED) {
            queue.addAll(alerts);
            queued.addAndGet(alerts.size());
          } else {
            alerts.forEach(a -> rejections.reject(NAME, "overflow", a.eventId().toString(), null));
          }
        });
    channel.start();
  }

  private Mono<Void> flush() {
    List<Alert> alerts = new ArrayList<>();
    Alert alert;
    while (alerts.size() < MAX_PER_MESSAGE && (alert = queue.poll()) != null) {
      alerts.add(alert);
    }
    if (alerts.isEmpty()) {
      return Mono.empty();
    }
    queued.addAndGet(-alerts.size());
    return channel
        .publish(json.writeValueAsString(alerts))
        .onErrorResume(e -> {
          alerts.forEach(a -> rejections.reject(NAME, "unpublished", a.eventId().toString(), e));
          return Mono.error(e);
        });
  }

  /** One message from any instance: a JSON array of alerts, each decoded and routed on its own. */
  private void receive(String message) {
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
      Alert a;
      try {
        a = json.treeToValue(node, Alert.class);
      } catch (RuntimeException e) {
        rejections.reject(NAME, "undecodable", node.toString(), e);
        continue;
      }
      if (a == null || a.dealerId() == null || a.eventId() == null) {
        rejections.reject(NAME, "undecodable", node.toString(), null);
        continue;
      }
      byDealer.dispatch(a.dealerId(), a);
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
