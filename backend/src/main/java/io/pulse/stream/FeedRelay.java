package io.pulse.stream;

import io.pulse.api.FeedItem;
import io.pulse.feedback.AcceptedFeedback;
import io.pulse.system.RelayRejections;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import tools.jackson.databind.json.JsonMapper;

/**
 * Carries accepted feedback to every instance's live feeds over Redis pub/sub. A lost message is
 * not lost for a client: feeds resume from PostgreSQL by sequence number, on reconnect and when the
 * relay recovers; so do the items dropped past the queue's bound. Items that cannot be queued,
 * published or decoded are counted ({@code pulse_relay_rejected_total{relay="feed"}}), never
 * dropped silently.
 */
@Component
class FeedRelay implements SmartLifecycle {

  static final String NAME = "feed";
  private static final int MAX_QUEUED = 100_000;
  private static final int MAX_PER_MESSAGE = 500;

  private final DealerRelay<FeedItem> relay;

  FeedRelay(
      AcceptedFeedback accepted,
      RelayChannels channels,
      JsonMapper json,
      RelayRejections rejections) {
    this.relay =
        new DealerRelay<>(
            NAME,
            FeedItem.class,
            accepted::listen,
            FeedItem::dealerId,
            i -> i.dealerId() + "#" + i.seq(),
            i -> i.dealerId() != null,
            MAX_QUEUED,
            MAX_PER_MESSAGE,
            channels,
            json,
            rejections);
  }

  RelayChannel channel() {
    return relay.channel();
  }

  /** One dealer's new feed items. */
  Flux<FeedItem> itemsFor(String dealerId) {
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
