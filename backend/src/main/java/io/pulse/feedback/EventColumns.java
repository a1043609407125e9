package io.pulse.feedback;

import io.pulse.api.Parameter;
import io.r2dbc.spi.Readable;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * The score columns of the {@code feedback_event} table, one per parameter: every query that reads
 * answers back goes through here, so a column is named in one place.
 */
public final class EventColumns {

  private static final Map<Parameter, String> COLUMN_OF = new EnumMap<>(Parameter.class);

  static {
    for (Parameter p : Parameter.values()) {
      // RETURN is a reserved word in SQL.
      COLUMN_OF.put(p, p == Parameter.RETURN ? "return_intent" : p.name().toLowerCase(Locale.ROOT));
    }
  }

  private EventColumns() {}

  /** The column that holds {@code parameter}'s answer (null when not asked). */
  public static String of(Parameter parameter) {
    return COLUMN_OF.get(parameter);
  }

  /** The answers of one row, in parameter order; unanswered parameters are left out. */
  public static Map<Parameter, Integer> scores(Readable row) {
    Map<Parameter, Integer> scores = new EnumMap<>(Parameter.class);
    COLUMN_OF.forEach((p, column) -> {
      Short v = row.get(column, Short.class);
      if (v != null) {
        scores.put(p, v.intValue());
      }
    });
    return scores;
  }
}
