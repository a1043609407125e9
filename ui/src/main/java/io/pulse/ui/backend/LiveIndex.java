package io.pulse.ui.backend;

import io.pulse.api.IndexView;
import io.pulse.api.Verdict;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a viewer of one index stream knows: the newest figures (null until the first arrive), for a
 * dealer its verdicts against the region, and the state of the connection they came over.
 */
public record LiveIndex(
    @Nullable IndexView figures, List<Verdict> verdicts, Connection connection) {

  public LiveIndex {
    verdicts = List.copyOf(verdicts);
  }

  public LiveIndex(@Nullable IndexView figures, Connection connection) {
    this(figures, List.of(), connection);
  }

  /** The same figures over a connection in another state. */
  LiveIndex with(Connection next) {
    return new LiveIndex(figures, verdicts, next);
  }
}
