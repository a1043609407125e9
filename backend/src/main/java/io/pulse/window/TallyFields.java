package io.pulse.window;

import io.pulse.api.JourneyStage;
import io.pulse.api.Parameter;
import io.pulse.index.Tally;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * How a {@link Tally} is laid out in Redis: a string of 32-bit signed counters ("slots"), so that
 * one {@code BITFIELD} command adds a whole answer, or a whole bucket, to a bucket or a window's
 * total (a hash took one {@code HINCRBY} per counter: some fifty commands per event). Slot 0 counts
 * responses, 1 perfect answers, 2 straight-lined ones, then one slot per journey stage, then one
 * per parameter and value (the histograms), in the order of {@link Parameter}. New figures get new
 * slots at the end: a shorter string reads as zeros there, so no migration is needed. A counter
 * holds up to 2^31 − 1, per scope and window.
 *
 * <p>After the histograms come the events' composites (layout 3): their count, their sum in tenths
 * of a point, and their sum of squares split in two slots, thousands and units (an event of
 * composite 72.5 adds 725 to the sum, 525 to the thousands and 625 to the units: 725² = 525,625),
 * so that no counter grows by more than 1,000 per event. Each of these slots, and so each scope and
 * window, holds 2^31 / 1,000 ≈ 2.1 million events (a brand × region cell's 30-day window at some
 * 70,000 events a day); the histogram counters hold 2^31.
 */
public final class TallyFields {

  static final int RESPONSES = 0;
  static final int PERFECT = 1;
  static final int STRAIGHT_LINED = 2;
  private static final int FIRST_STAGE = 3;
  private static final int FIRST_VALUE = FIRST_STAGE + JourneyStage.values().length;
  private static final int[] PARAMETER_OFFSET = new int[Parameter.values().length];
  static final int COMPOSITES;
  static final int COMPOSITE_SUM;
  static final int COMPOSITE_SQUARES_THOUSANDS;
  static final int COMPOSITE_SQUARES_UNITS;

  /** The part of a composite's square kept in the thousands slot. */
  private static final long SPLIT = 1000;

  /** Counters per tally. */
  public static final int SLOTS;

  static {
    int next = FIRST_VALUE;
    for (Parameter p : Parameter.values()) {
      PARAMETER_OFFSET[p.ordinal()] = next;
      next += p.levels();
    }
    COMPOSITES = next;
    COMPOSITE_SUM = next + 1;
    COMPOSITE_SQUARES_THOUSANDS = next + 2;
    COMPOSITE_SQUARES_UNITS = next + 3;
    SLOTS = next + 4;
  }

  private static final String[] SLOT_NAMES = new String[SLOTS];

  static {
    for (int i = 0; i < SLOTS; i++) {
      SLOT_NAMES[i] = Integer.toString(i);
    }
  }

  private TallyFields() {}

  static int stageSlot(JourneyStage stage) {
    return FIRST_STAGE + stage.ordinal();
  }

  static int valueSlot(Parameter p, int value) {
    return PARAMETER_OFFSET[p.ordinal()] + value - p.min();
  }

  /**
   * Appends the increments of one answer (the ingest hot path, without building a tally): their
   * number, then (slot, 1) for responses, the composites' count, the stage, perfect /
   * straight-lined when they apply and each rated parameter's value, and the composite's non-zero
   * sums.
   */
  public static void appendAnswer(
      List<String> args, JourneyStage stage, Map<Parameter, Integer> scores) {
    boolean perfect = Tally.isPerfect(scores);
    boolean flat = Tally.isStraightLined(scores);
    long composite = Tally.compositeTenths(scores);
    long square = composite * composite;
    long[] compositeSlots = {composite, square / SPLIT, square % SPLIT};
    int nonZero = 0;
    for (long v : compositeSlots) {
      nonZero += v == 0 ? 0 : 1;
    }
    args.add(Integer.toString(3 + nonZero + scores.size() + (perfect ? 1 : 0) + (flat ? 1 : 0)));
    one(args, RESPONSES);
    one(args, COMPOSITES);
    for (int i = 0; i < compositeSlots.length; i++) {
      if (compositeSlots[i] != 0) {
        add(args, COMPOSITE_SUM + i, compositeSlots[i]);
      }
    }
    one(args, stageSlot(stage));
    if (perfect) {
      one(args, PERFECT);
    }
    if (flat) {
      one(args, STRAIGHT_LINED);
    }
    for (Map.Entry<Parameter, Integer> e : scores.entrySet()) {
      one(args, valueSlot(e.getKey(), e.getValue()));
    }
  }

  private static void one(List<String> args, int slot) {
    args.add(SLOT_NAMES[slot]);
    args.add("1");
  }

  private static void add(List<String> args, int slot, long value) {
    args.add(SLOT_NAMES[slot]);
    args.add(Long.toString(value));
  }

  /** Appends a tally's non-zero counters: their number, then (slot, value) pairs. */
  public static void appendIncrements(List<String> args, Tally tally) {
    long[] slots = slots(tally);
    int at = args.size();
    args.add("0");
    int n = 0;
    for (int i = 0; i < slots.length; i++) {
      if (slots[i] != 0) {
        args.add(SLOT_NAMES[i]);
        args.add(Long.toString(slots[i]));
        n++;
      }
    }
    args.set(at, Integer.toString(n));
  }

  /** The tally's counters by slot. */
  static long[] slots(Tally tally) {
    long[] slots = new long[SLOTS];
    slots[RESPONSES] = tally.responses();
    slots[PERFECT] = tally.perfect();
    slots[STRAIGHT_LINED] = tally.straightLined();
    for (JourneyStage s : JourneyStage.values()) {
      slots[stageSlot(s)] = tally.stageResponses(s);
    }
    for (Parameter p : Parameter.values()) {
      for (int v = p.min(); v <= p.max(); v++) {
        slots[valueSlot(p, v)] = tally.count(p, v);
      }
    }
    Tally.Composites c = tally.composites();
    slots[COMPOSITES] = c.count();
    slots[COMPOSITE_SUM] = c.sumTenths();
    slots[COMPOSITE_SQUARES_THOUSANDS] = c.sumOfSquaresTenths() / SPLIT;
    slots[COMPOSITE_SQUARES_UNITS] = c.sumOfSquaresTenths() % SPLIT;
    return slots;
  }

  /**
   * Adds a string of counters as Redis keeps it (32-bit big-endian, slot 0 first), read with one
   * char per byte (ISO-8859-1), into {@code into}. Null (no such key) adds nothing; slots past the
   * known ones are ignored (a newer version's figures).
   */
  static void addPacked(long[] into, @Nullable String packed) {
    if (packed == null) {
      return;
    }
    int n = Math.min(packed.length() / 4, into.length);
    for (int i = 0; i < n; i++) {
      int at = 4 * i;
      into[i] +=
          (packed.charAt(at) << 24)
              | (packed.charAt(at + 1) << 16)
              | (packed.charAt(at + 2) << 8)
              | packed.charAt(at + 3);
    }
  }

  /** A tally from counters by slot. */
  static Tally fromCounters(long[] slots) {
    Tally.Builder b = Tally.builder();
    int n = Math.min(slots.length, SLOTS);
    for (int i = 0; i < n; i++) {
      if (slots[i] != 0) {
        add(b, i, slots[i]);
      }
    }
    return b.build();
  }

  private static void add(Tally.Builder b, int slot, long value) {
    switch (slot) {
      case RESPONSES -> b.responses(value);
      case PERFECT -> b.perfect(value);
      case STRAIGHT_LINED -> b.straightLined(value);
      default -> {
        if (slot == COMPOSITES) {
          b.composites(value, 0, 0);
          return;
        }
        if (slot == COMPOSITE_SUM) {
          b.composites(0, value, 0);
          return;
        }
        if (slot == COMPOSITE_SQUARES_THOUSANDS) {
          b.composites(0, 0, value * SPLIT);
          return;
        }
        if (slot == COMPOSITE_SQUARES_UNITS) {
          b.composites(0, 0, value);
          return;
        }
        if (slot < FIRST_VALUE) {
          b.stageResponses(JourneyStage.values()[slot - FIRST_STAGE], value);
          return;
        }
        for (Parameter p : Parameter.values()) {
          int offset = PARAMETER_OFFSET[p.ordinal()];
          if (slot < offset + p.levels()) {
            b.count(p, p.min() + slot - offset, value);
            return;
          }
        }
      }
    }
  }
}
