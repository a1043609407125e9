package io.pulse.stream;

import io.pulse.alert.RaisedAlerts;
import io.pulse.api.Alert;
import io.pulse.system.RelayRejections;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Carries early warnings, as the alerts they became, from the instance that raised them to every
 * instance's feeds of their dealers, over Redis pub/sub. A lost message loses no alert (the alert
 * list reads PostgreSQL), only its push; rejects are counted ({@code
 * pulse_relay_rejected_total{relay="alerts"}}).
 */
@Component
class AlertRelay extends DealerRelay<Alert> {

  static final String NAME = "alerts";
  private static final int MAX_QUEUED = 10_000;
  private static final int MAX_PER_MESSAGE = 200;

  AlertRelay(
      RaisedAlerts raised, RelayChannels channels, JsonMapper json, RelayRejections rejections) {
    super(
        NAME, Alert.class, raised::listen, MAX_QUEUED, MAX_PER_MESSAGE, channels, json, rejections);
  }

  @Override
  String dealerOf(Alert alert) {
    return alert.dealerId();
  }

  @Override
  String label(Alert alert) {
    return alert.eventId().toString();
  }

  @Override
  boolean isRoutable(Alert alert) {
    return alert.dealerId() != null && alert.eventId() != null;
  }
}
