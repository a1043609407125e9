package io.pulse.feedback;

import io.pulse.api.FeedItem;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;

/**
 * Feedback this instance accepted, for the live feeds. Listeners are called on the ingest thread
 * and must be quick and non-blocking (the feed relay only queues the items).
 */
@Component
public class AcceptedFeedback {

  private final List<Consumer<List<FeedItem>>> listeners = new CopyOnWriteArrayList<>();

  void publish(List<FeedItem> items) {
    if (items.isEmpty()) {
      return;
    }
    for (Consumer<List<FeedItem>> listener : listeners) {
      listener.accept(items);
    }
  }

  /** Calls {@code listener} with every accepted batch until the returned handle is run. */
  public Runnable listen(Consumer<List<FeedItem>> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }
}
