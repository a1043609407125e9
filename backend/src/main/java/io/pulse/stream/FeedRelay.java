package io.pulse.stream;

import io.pulse.api.FeedItem;
import io.pulse.feedback.AcceptedFeedback;
import io.pulse.system.RelayRejections;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Carries accepted feedback to every instance's live feeds over Redis pub/sub. A lost message is
 * not lost for a client: feeds resume from PostgreSQL by sequence number, on reconnect and when the
 * relay recovers; so do the items dropped past the queue's bound. Items that cannot be queued,
 * published or decoded are counted ({@code pulse_relay_rejected_total{relay="feed"}}), never
 * dropped silently.
 */
@Component
class FeedRelay extends DealerRelay<FeedItem> {

  static final String NAME = "feed";
  private static final int MAX_QUEUED = 100_000;
  private static final int MAX_PER_MESSAGE = 500;

  FeedRelay(
      AcceptedFeedback accepted,
      RelayChannels channels,
      JsonMapper json,
      RelayRejections rejections) {
    super(
        NAME,
        FeedItem.class,
        accepted::listen,
        MAX_QUEUED,
        MAX_PER_MESSAGE,
        channels,
        json,
        rejections);
  }

  @Override
  String dealerOf(FeedItem item) {
    return item.dealerId();
  }

  @Override
  String label(FeedItem item) {
    return item.dealerId() + "#" + item.seq();
  }

  @Override
  boolean isRoutable(FeedItem item) {
    return item.dealerId() != null;
  }
}
