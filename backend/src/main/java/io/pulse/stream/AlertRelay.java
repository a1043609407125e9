package io.pulse.stream;

import io.pulse.alert.RaisedAlerts;
import io.pulse.api.Alert;
import io.pulse.system.RelayRejections;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
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

  private final DealerRelay<Alert> relay;

  AlertRelay(
      RaisedAlerts raised, RelayChannels channels, JsonMapper json, RelayRejections rejections) {
    this.relay =
        new DealerRelay<>(
            NAME,
            Alert.class,
            raised::listen,
            Alert::dealerId,
            a -> a.eventId().toString(),
            a -> a.dealerId() != null && a.eventId() != null,
            MAX_QUEUED,
            MAX_PER_MESSAGE,
            channels,
            json,
            rejections);
  }

  RelayChannel channel() {
    return relay.channel();
  }

  /** One dealer's new early warnings. */
  Flux<Alert> alertsFor(String dealerId) {
    return relay.itemsFor(dealerId);
  }

  @Override
  public void start() {
    relay.start();
  }

  @Override
  public void stop() {
    relay.stop();
  }

  @Override
  public boolean isRunning() {
    return relay.isRunning();
  }
}
