package io.pulse.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The parser's fast paths accept exactly what the general ones accept: the date-time reader with
 * the same value as {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME} (or leaves the text to it), the
 * UUID check as the 8-4-4-4-12 hex pattern.
 */
class IsoDateTimeFastPathTests {

  private static @Nullable OffsetDateTime iso(String s) {
    try {
      return OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  @Property(tries = 20_000)
  void agreesWithTheIsoFormatter(@ForAll("dateTimes") String s) {
    OffsetDateTime fast = FeedbackParser.commonIsoOffsetDateTime(s);
    if (fast != null) {
      assertThat(iso(s)).as(s).isEqualTo(fast);
    }
  }

  @Property(tries = 5_000)
  void readsTheCommonFormsItself(@ForAll("validDateTimes") String s) {
    assertThat(FeedbackParser.commonIsoOffsetDateTime(s)).as(s).isNotNull().isEqualTo(iso(s));
  }

  @Test
  void leavesRareAndInvalidFormsToTheFormatter() {
    for (String s :
        new String[] {
          "2026-11-23t10:15:30Z", // lower-case T: the formatter reads it, case-insensitively
          "2026-11-23T10:15Z", // no seconds
          "2026-11-23T10:15:30+03:00:15", // offset seconds
          "2026-02-30T10:15:30Z", // no such day
          "2026-11-23T24:00:00Z",
          "2026-11-23T10:15:30.1234567890Z", // ten fraction digits
          "2026-11-23T10:15:30.Z",
          "2026-11-23T10:15:30+19:00",
          "+12026-11-23T10:15:30Z",
          "2026-11-23T10:15:30+0300",
          "２026-11-23T10:15:30Z"
        }) {
      assertThat(FeedbackParser.commonIsoOffsetDateTime(s)).as(s).isNull();
    }
  }

  @Property(tries = 10_000)
  void uuidCheckIsThePattern(@ForAll("uuidLike") String s) {
    assertThat(FeedbackParser.isUuidText(s))
        .as(s)
        .isEqualTo(
            s.matches(
                "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"));
  }

  @Provide
  Arbitrary<String> validDateTimes() {
    Arbitrary<String> fraction =
        Arbitraries.integers()
            .between(0, 9)
            .flatMap(n ->
                n == 0
                    ? Arbitraries.just("")
                    : Arbitraries.strings().numeric().ofLength(n).map(d -> "." + d));
    Arbitrary<String> offset =
        Arbitraries.oneOf(
            Arbitraries.just("Z"),
            Combinators.combine(
                    Arbitraries.of("+", "-"),
                    Arbitraries.integers().between(0, 17),
                    Arbitraries.of(0, 15, 30, 45))
                .as((sign, h, m) -> "%s%02d:%02d".formatted(sign, h, m)));
    return Combinators.combine(
            Arbitraries.integers().between(1000, 9999),
            Arbitraries.integers().between(1, 12),
            Arbitraries.integers().between(1, 28),
            Arbitraries.integers().between(0, 23),
            Arbitraries.integers().between(0, 59),
            Arbitraries.integers().between(0, 59),
            fraction,
            offset)
        .as((y, mo, d, h, mi, s, f, o) ->
            "%04d-%02d-%02dT%02d:%02d:%02d%s%s".formatted(y, mo, d, h, mi, s, f, o));
  }

  /** Valid forms, and the same with one character replaced, dropped or doubled. */
  @Provide
  Arbitrary<String> dateTimes() {
    Arbitrary<Character> odd =
        Arbitraries.of('0', '9', '3', '-', '+', ':', '.', 'T', 't', 'Z', 'z', ' ', 'x', '٣', '６');
    return Combinators.combine(
            validDateTimes(),
            Arbitraries.integers().between(0, 40),
            Arbitraries.integers().between(0, 3),
            odd)
        .as((s, at, how, c) -> {
          int i = Math.min(at, s.length() - 1);
          return switch (how) {
            case 0 -> s;
            case 1 -> s.substring(0, i) + c + s.substring(i + 1);
            case 2 -> s.substring(0, i) + s.substring(i + 1);
            default -> s.substring(0, i) + s.charAt(i) + s.substring(i);
          };
        });
  }

  @Provide
  Arbitrary<String> uuidLike() {
    Arbitrary<Character> odd = Arbitraries.of('-', 'g', 'G', 'F', 'f', '0', '9', ' ', 'é', '٣');
    return Combinators.combine(
            Arbitraries.create(UUID::randomUUID).map(UUID::toString),
            Arbitraries.of(true, false),
            Arbitraries.integers().between(0, 37),
            Arbitraries.integers().between(0, 2),
            odd)
        .as((u, upper, at, how, c) -> {
          String s = upper ? u.toUpperCase() : u;
          int i = Math.min(at, s.length() - 1);
          return switch (how) {
            case 0 -> s;
            case 1 -> s.substring(0, i) + c + s.substring(i + 1);
            default -> s.substring(0, i) + s.substring(i + 1);
          };
        });
  }
}
