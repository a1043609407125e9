package io.pulse.ui.backend;

import io.pulse.api.Alert;
import io.pulse.api.FeedItem;

/** What the dealer feed stream tells a viewer. */
public sealed interface FeedSignal {

  /** A new accepted feedback event. */
  record Item(FeedItem item) implements FeedSignal {}

  /** An early warning just raised on one of the dealer's answers. */
  record Warning(Alert alert) implements FeedSignal {}

  /** Too much was missed: clear the list, the newest items follow. */
  record Reset() implements FeedSignal {}

  /** The feed's connection changed state. */
  record Status(Connection connection) implements FeedSignal {}
}
