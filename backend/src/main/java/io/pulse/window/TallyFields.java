package io.pulse.window;

import io.pulse.api.JourneyStage;
import io.pulse.api.Parameter;
import io.pulse.index.Tally;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a {@link Tally} is laid out as the fields of a Redis hash. Names are short because they are
 * repeated in every bucket of every scope: {@code n} responses, {@code p} perfect answers, {@code
 * f} straight-lined answers, {@code @3} responses at journey stage 3, and a parameter's code with a
 * value for its histogram ({@code r9}: RECOMMEND answered 9). Unknown fields are ignored, which
 * leaves room for more figures without a migration.
 */
public final class TallyFields {

  static final String RESPONSES = "n";
  static final String PERFECT = "p";
  static final String STRAIGHT_LINED = "f";

  private TallyFields() {}

  public static String valueField(Parameter p, int value) {
    return p.code() + Integer.toString(value);
  }

  public static String stageField(JourneyStage stage) {
    return "@" + stage.ordinal();
  }

  /** Field → increment of one answer's tally (only non-zero counters). */
  public static Map<String, Long> increments(Tally tally) {
    Map<String, Long> fields = new LinkedHashMap<>();
    put(fields, RESPONSES, tally.responses());
    put(fields, PERFECT, tally.perfect());
    put(fields, STRAIGHT_LINED, tally.straightLined());
    for (JourneyStage s : JourneyStage.values()) {
      put(fields, stageField(s), tally.stageResponses(s));
    }
    for (Parameter p : Parameter.values()) {
      for (int v = p.min(); v <= p.max(); v++) {
        put(fields, valueField(p, v), tally.count(p, v));
      }
    }
    return fields;
  }

  /**
   * The increments of one answer, without building a tally (the ingest hot path): responses, stage,
   * perfect / straight-lined when they apply, one histogram field per rated parameter.
   */
  public static void appendAnswer(
      List<String> args, JourneyStage stage, Map<Parameter, Integer> scores) {
    boolean perfect = Tally.isPerfect(scores);
    boolean flat = Tally.isStraightLined(scores);
    args.add(Integer.toString(2 + scores.size() + (perfect ? 1 : 0) + (flat ? 1 : 0)));
    args.add(RESPONSES);
    args.add("1");
    args.add(STAGE_FIELDS[stage.ordinal()]);
    args.add("1");
    if (perfect) {
      args.add(PERFECT);
      args.add("1");
    }
    if (flat) {
      args.add(STRAIGHT_LINED);
      args.add("1");
    }
    for (Map.Entry<Parameter, Integer> e : scores.entrySet()) {
      args.add(VALUE_FIELDS[e.getKey().ordinal()][e.getValue() - e.getKey().min()]);
      args.add("1");
    }
  }

  private static final String[] STAGE_FIELDS = new String[JourneyStage.values().length];
  private static final String[][] VALUE_FIELDS = new String[Parameter.values().length][];

  static {
    for (JourneyStage s : JourneyStage.values()) {
      STAGE_FIELDS[s.ordinal()] = stageField(s);
    }
    for (Parameter p : Parameter.values()) {
      VALUE_FIELDS[p.ordinal()] = new String[p.levels()];
      for (int v = p.min(); v <= p.max(); v++) {
        VALUE_FIELDS[p.ordinal()][v - p.min()] = valueField(p, v);
      }
    }
  }

  private static void put(Map<String, Long> fields, String name, long value) {
    if (value != 0) {
      fields.put(name, value);
    }
  }

  /** Reads a flat field/value list, as HGETALL returns it through a script. */
  public static Tally.Builder addFlat(Tally.Builder into, List<?> flat) {
    for (int i = 0; i + 1 < flat.size(); i += 2) {
      add(into, String.valueOf(flat.get(i)), Long.parseLong(String.valueOf(flat.get(i + 1))));
    }
    return into;
  }

  public static Tally fromMap(Map<String, String> hash) {
    Tally.Builder b = Tally.builder();
    hash.forEach((k, v) -> add(b, k, Long.parseLong(v)));
    return b.build();
  }

  private static void add(Tally.Builder b, String field, long value) {
    if (field.isEmpty()) {
      return;
    }
    switch (field) {
      case RESPONSES -> b.responses(value);
      case PERFECT -> b.perfect(value);
      case STRAIGHT_LINED -> b.straightLined(value);
      default -> addCounter(b, field, value);
    }
  }

  private static void addCounter(Tally.Builder b, String field, long value) {
    char head = field.charAt(0);
    int number;
    try {
      number = Integer.parseInt(field.substring(1));
    } catch (NumberFormatException e) {
      return;
    }
    if (head == '@') {
      if (number >= 0 && number < JourneyStage.values().length) {
        b.stageResponses(JourneyStage.values()[number], value);
      }
      return;
    }
    Parameter.ofCode(head).filter(p -> p.accepts(number)).ifPresent(p -> b.count(p, number, value));
  }
}
