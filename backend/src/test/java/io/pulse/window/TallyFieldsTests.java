package io.pulse.window;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulse.api.JourneyStage;
import io.pulse.api.Parameter;
import io.pulse.index.Tally;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TallyFieldsTests {

  /** (slot → increment) of an argument list as appendAnswer / appendIncrements write it. */
  private static Map<Integer, Long> pairs(List<String> args) {
    Map<Integer, Long> m = new LinkedHashMap<>();
    int n = Integer.parseInt(args.getFirst());
    assertThat(args).hasSize(1 + 2 * n);
    for (int i = 0; i < n; i++) {
      m.put(Integer.parseInt(args.get(1 + 2 * i)), Long.parseLong(args.get(2 + 2 * i)));
    }
    return m;
  }

  @Test
  void encodesAnAnswerAsOneIncrementPerRatedParameterAndItsComposite() {
    List<String> args = new ArrayList<>();
    TallyFields.appendAnswer(
        args,
        JourneyStage.SERVICE_VISIT,
        Map.of(Parameter.RECOMMEND, 10, Parameter.SPEED, 5, Parameter.VISIT, 5));
    assertThat(pairs(args))
        .containsEntry(TallyFields.RESPONSES, 1L)
        .containsEntry(TallyFields.PERFECT, 1L)
        .containsEntry(TallyFields.stageSlot(JourneyStage.SERVICE_VISIT), 1L)
        .containsEntry(TallyFields.valueSlot(Parameter.RECOMMEND, 10), 1L)
        .containsEntry(TallyFields.valueSlot(Parameter.SPEED, 5), 1L)
        .containsEntry(TallyFields.valueSlot(Parameter.VISIT, 5), 1L)
        // composite 100 = 1,000 tenths, squared 1,000,000 = 1,000 thousands and 0 units (left out)
        .containsEntry(TallyFields.COMPOSITES, 1L)
        .containsEntry(TallyFields.COMPOSITE_SUM, 1000L)
        .containsEntry(TallyFields.COMPOSITE_SQUARES_THOUSANDS, 1000L)
        .hasSize(9);
  }

  @Test
  void aCompositesSquareIsSplitSoNoCounterGrowsByMoreThanAThousand() {
    // CAR 4, RETURN 1 → 75, 0: composite 37.5 = 375 tenths, 375² = 140,625 = 140 thousands + 625
    List<String> args = new ArrayList<>();
    TallyFields.appendAnswer(
        args, JourneyStage.CONTRACT, Map.of(Parameter.CAR, 4, Parameter.RETURN, 1));
    assertThat(pairs(args))
        .containsEntry(TallyFields.COMPOSITE_SUM, 375L)
        .containsEntry(TallyFields.COMPOSITE_SQUARES_THOUSANDS, 140L)
        .containsEntry(TallyFields.COMPOSITE_SQUARES_UNITS, 625L);
    Tally read =
        TallyFields.fromCounters(
            TallyFields.slots(
                Tally.ofAnswer(
                    JourneyStage.CONTRACT, Map.of(Parameter.CAR, 4, Parameter.RETURN, 1))));
    assertThat(read.composites()).isEqualTo(new Tally.Composites(1, 375, 140_625));
  }

  @Test
  void anAnswerEncodesLikeItsTally() {
    Map<Parameter, Integer> scores = Map.of(Parameter.CAR, 4, Parameter.RETURN, 1);
    List<String> answer = new ArrayList<>();
    TallyFields.appendAnswer(answer, JourneyStage.CONTRACT, scores);
    List<String> tally = new ArrayList<>();
    TallyFields.appendIncrements(tally, Tally.ofAnswer(JourneyStage.CONTRACT, scores));
    assertThat(pairs(answer)).isEqualTo(pairs(tally));
  }

  @Test
  void everyCounterHasItsOwnSlotAndDecodesToWhatWasEncoded() {
    Random random = new Random(5);
    Tally.Builder b = Tally.builder();
    for (int i = 0; i < 500; i++) {
      Map<Parameter, Integer> scores = new LinkedHashMap<>();
      for (Parameter p : Parameter.values()) {
        if (random.nextBoolean()) {
          scores.put(p, p.min() + random.nextInt(p.levels()));
        }
      }
      if (scores.isEmpty()) {
        scores.put(Parameter.RECOMMEND, 7);
      }
      b.addAnswer(JourneyStage.values()[random.nextInt(JourneyStage.values().length)], scores);
    }
    Tally t = b.build();
    long[] slots = TallyFields.slots(t);
    assertThat(slots).hasSize(TallyFields.SLOTS);
    assertThat(TallyFields.fromCounters(slots)).isEqualTo(t);
    // Slots are distinct: the histograms alone add up to every answer given.
    long answers = 0;
    for (Parameter p : Parameter.values()) {
      answers += t.answers(p);
    }
    long histogramSlots = 0;
    for (Parameter p : Parameter.values()) {
      for (int v = p.min(); v <= p.max(); v++) {
        histogramSlots += slots[TallyFields.valueSlot(p, v)];
      }
    }
    assertThat(histogramSlots).isEqualTo(answers);
  }

  @Test
  void readsShorterAndLongerCounterStringsAsZerosAndIgnoresUnknownSlots() {
    long[] fromShort = new long[TallyFields.SLOTS];
    TallyFields.addPacked(fromShort, packed(3, 1));
    assertThat(TallyFields.fromCounters(fromShort).responses()).isEqualTo(3);
    assertThat(TallyFields.fromCounters(fromShort).perfect()).isEqualTo(1);
    int[] longer = new int[TallyFields.SLOTS + 3];
    for (int i = TallyFields.SLOTS; i < longer.length; i++) {
      longer[i] = 9;
    }
    long[] fromLonger = new long[TallyFields.SLOTS];
    TallyFields.addPacked(fromLonger, packed(longer));
    assertThat(TallyFields.fromCounters(fromLonger)).isEqualTo(Tally.empty());
  }

  /** Counters as BITFIELD keeps them: 32-bit big-endian, read one char per byte. */
  private static String packed(int... counters) {
    java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(4 * counters.length);
    for (int c : counters) {
      buf.putInt(c);
    }
    return new String(buf.array(), java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  @Test
  void packedCountersDecodeSignedAndAddUpAndATallyComesBackWhole() {
    Random random = new Random(11);
    Tally.Builder b = Tally.builder();
    for (int i = 0; i < 300; i++) {
      b.addAnswer(
          JourneyStage.values()[random.nextInt(JourneyStage.values().length)],
          Map.of(Parameter.RECOMMEND, random.nextInt(11), Parameter.CAR, 1 + random.nextInt(5)));
    }
    Tally t = b.build();
    long[] slots = TallyFields.slots(t);
    int[] asInts = new int[slots.length];
    for (int i = 0; i < slots.length; i++) {
      asInts[i] = Math.toIntExact(slots[i]);
    }
    long[] read = new long[TallyFields.SLOTS];
    TallyFields.addPacked(read, packed(asInts));
    assertThat(TallyFields.fromCounters(read)).isEqualTo(t);

    // Bytes above 0x7F, negative counters (a bucket's total after an erasure took events out),
    // a missing key and a shorter string (an older layout) all read as BITFIELD wrote them.
    long[] sum = new long[4];
    TallyFields.addPacked(sum, packed(0x7FFFFFFF, -1, 0x00FF80FF, -300));
    TallyFields.addPacked(sum, packed(1, 1));
    TallyFields.addPacked(sum, null);
    assertThat(sum).containsExactly(0x80000000L, 0, 0x00FF80FFL, -300);
  }
}
