package io.pulse.alert;

import io.pulse.api.Alert;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;

/**
 * Early warnings this instance just committed, as the alerts they are now, for the dealers' live
 * streams. Listeners must be quick and non-blocking (the stream relay only queues them).
 */
@Component
public class RaisedAlerts {

  private final List<Consumer<List<Alert>>> listeners = new CopyOnWriteArrayList<>();

  void publish(List<Alert> alerts) {
    if (alerts.isEmpty()) {
      return;
    }
    for (Consumer<List<Alert>> listener : listeners) {
      listener.accept(alerts);
    }
  }

  /** Calls {@code listener} with every committed group of warnings until the handle is run. */
  public Runnable listen(Consumer<List<Alert>> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }
}
