package io.pulse.history;

import io.pulse.api.ScopeRef;
import java.time.ZoneId;
import java.util.Map;

/**
 * Which dealers' day rows make a scope, as a SQL condition over {@code dealer d}, and whose
 * calendar its "today" follows.
 *
 * @param condition a condition on {@code d} (the dealer), with named binds
 * @param zone the dealer's time zone; for wider scopes the reporting zone
 * @param aggregate whether the scope sums many dealers (a read that costs more)
 */
record HistoryScope(
    ScopeRef ref, String condition, Map<String, String> binds, ZoneId zone, boolean aggregate) {

  HistoryScope {
    binds = Map.copyOf(binds);
  }
}
