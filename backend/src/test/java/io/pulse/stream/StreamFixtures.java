package io.pulse.stream;

import io.pulse.api.IndexView;
import io.pulse.api.ScopeRef;
import io.pulse.figures.LiveFigures;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Figures and settings for the stream tests that run without Spring. */
final class StreamFixtures {

  private StreamFixtures() {}

  /** A dealer's figures with {@code responses} answers, read at {@code computedAt}. */
  static LiveFigures figures(long responses, Instant computedAt) {
    return LiveFigures.of(
        new IndexView(
            new ScopeRef("dealer", "D1", "Dealer 1", null, null),
            "24h",
            computedAt,
            null,
            responses,
            true,
            null,
            null,
            null,
            new IndexView.Nps(0, 0, 0, 0, null, null, null, null),
            List.of(),
            Map.of(),
            null,
            null));
  }

  /** The defaults, with the heartbeat and slow-client bound given. */
  static StreamProperties properties(Duration heartbeat, Duration slowClientTimeout) {
    return new StreamProperties(
        4,
        heartbeat,
        Duration.ofSeconds(3),
        slowClientTimeout,
        Duration.ofSeconds(5),
        Duration.ofMillis(20),
        50,
        Duration.ofSeconds(2),
        Duration.ofSeconds(2),
        Duration.ofSeconds(10),
        2000);
  }
}
