package io.pulse.feedback;

import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Feedback this instance accepted, as a hot stream for the live feeds. Best effort: a subscriber
 * that falls behind misses items and resumes from PostgreSQL by sequence number.
 */
@Component
public class AcceptedFeedback {

  private final Sinks.Many<List<FeedItem>> sink = Sinks.many().multicast().directBestEffort();

  void publish(List<FeedItem> items) {
    if (!items.isEmpty()) {
      sink.emitNext(items, Sinks.EmitFailureHandler.busyLooping(java.time.Duration.ofMillis(50)));
    }
  }

  public Flux<List<FeedItem>> flux() {
    return sink.asFlux();
  }
}
