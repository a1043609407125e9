package io.pulse.feedback;

import io.pulse.api.Channel;
import io.pulse.api.FeedbackEvent;
import io.pulse.api.JourneyStage;
import io.pulse.api.NetworkIds;
import io.pulse.api.Parameter;
import io.pulse.system.FieldViolation;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads one feedback event from JSON exactly as docs/domain.md, "Feedback event" defines it,
 * collecting every violation (not just the first) so a sender can fix a payload in one go.
 */
final class FeedbackParser {

  /** Either a valid event or the reasons it is not one. */
  record Parsed(@Nullable FeedbackEvent event, List<FieldViolation> violations) {
    boolean valid() {
      return event != null;
    }
  }

  private static final Set<String> FIELDS =
      Set.of(
          "eventId",
          "dealerId",
          "stage",
          "occurredAt",
          "scores",
          "comment",
          "channel",
          "customerRef");
  private static final String STAGES =
      Arrays.stream(JourneyStage.values()).map(Enum::name).collect(Collectors.joining(", "));
  private static final String CHANNELS =
      Arrays.stream(Channel.values()).map(Enum::name).collect(Collectors.joining(", "));
  private static final String PARAMETERS =
      Arrays.stream(Parameter.values()).map(Enum::name).collect(Collectors.joining(", "));

  private final IngestProperties limits;

  FeedbackParser(IngestProperties limits) {
    this.limits = limits;
  }

  Parsed parse(JsonNode node, Instant now) {
    List<FieldViolation> v = new ArrayList<>();
    if (!node.isObject()) {
      v.add(new FieldViolation("", "must be a JSON object"));
      return new Parsed(null, v);
    }
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      if (!FIELDS.contains(e.getKey())) {
        v.add(new FieldViolation(e.getKey(), "is not a field of a feedback event"));
      }
    }
    UUID eventId = eventId(node.get("eventId"), v);
    String dealerId = dealerId(node.get("dealerId"), v);
    JourneyStage stage = stage(node.get("stage"), v);
    OffsetDateTime occurredAt = occurredAt(node.get("occurredAt"), now, v);
    Map<Parameter, Integer> scores = scores(node.get("scores"), v);
    String comment =
        optionalText(node.get("comment"), "comment", limits.maxCommentLength(), true, v);
    Channel channel = channel(node.get("channel"), v);
    String customerRef =
        optionalText(
            node.get("customerRef"), "customerRef", limits.maxCustomerRefLength(), false, v);
    if (!v.isEmpty()
        || eventId == null
        || dealerId == null
        || stage == null
        || occurredAt == null
        || scores == null) {
      return new Parsed(null, v);
    }
    return new Parsed(
        new FeedbackEvent(
            eventId, dealerId, stage, occurredAt, scores, comment, channel, customerRef),
        v);
  }

  private static @Nullable UUID eventId(@Nullable JsonNode n, List<FieldViolation> v) {
    String text = requiredText(n, "eventId", v);
    if (text == null) {
      return null;
    }
    if (!isUuidText(text)) {
      v.add(
          new FieldViolation(
              "eventId", "must be a UUID like 3f2b6c1e-8d4a-4c5e-9b7a-2e1f0a9c8d7b"));
      return null;
    }
    return UUID.fromString(text);
  }

  /** As the pattern {@code 8-4-4-4-12} hex digits, without a regex: one call per event. */
  static boolean isUuidText(String text) {
    if (text.length() != 36) {
      return false;
    }
    for (int i = 0; i < 36; i++) {
      char c = text.charAt(i);
      boolean ok =
          (i == 8 || i == 13 || i == 18 || i == 23)
              ? c == '-'
              : (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static @Nullable String dealerId(@Nullable JsonNode n, List<FieldViolation> v) {
    String text = requiredText(n, "dealerId", v);
    if (text != null && !NetworkIds.isValid(text)) {
      v.add(new FieldViolation("dealerId", NetworkIds.RULE));
      return null;
    }
    return text;
  }

  private static @Nullable JourneyStage stage(@Nullable JsonNode n, List<FieldViolation> v) {
    String text = requiredText(n, "stage", v);
    if (text == null) {
      return null;
    }
    return JourneyStage.parse(text)
        .orElseGet(() -> {
          v.add(new FieldViolation("stage", "must be one of " + STAGES));
          return null;
        });
  }

  private @Nullable OffsetDateTime occurredAt(
      @Nullable JsonNode n, Instant now, List<FieldViolation> v) {
    String text = requiredText(n, "occurredAt", v);
    if (text == null) {
      return null;
    }
    OffsetDateTime t = commonIsoOffsetDateTime(text);
    try {
      if (t == null) {
        t = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
      }
    } catch (DateTimeParseException e) {
      v.add(
          new FieldViolation(
              "occurredAt",
              "must be an ISO-8601 date-time with offset, e.g. 2026-11-23T10:15:30+03:00"));
      return null;
    }
    Instant at = t.toInstant();
    if (at.isAfter(now.plus(limits.maxFutureSkew()))) {
      v.add(
          new FieldViolation(
              "occurredAt",
              "is more than %s in the future (server time %s)"
                  .formatted(human(limits.maxFutureSkew()), now)));
      return null;
    }
    if (at.isBefore(now.minus(limits.maxAge()))) {
      v.add(
          new FieldViolation(
              "occurredAt", "is more than %s in the past".formatted(human(limits.maxAge()))));
      return null;
    }
    return t;
  }

  /**
   * The date-time of {@code yyyy-MM-ddTHH:mm:ss[.f…](Z|±HH:MM)}, the form nearly every sender uses,
   * read without the general formatter (a third of the parser's time); null for anything else, for
   * {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME} to read or refuse. It accepts only what that
   * formatter accepts, with the same value (a property test holds it to that).
   */
  static @Nullable OffsetDateTime commonIsoOffsetDateTime(String s) {
    int n = s.length();
    if (n < 20
        || s.charAt(4) != '-'
        || s.charAt(7) != '-'
        || s.charAt(10) != 'T'
        || s.charAt(13) != ':'
        || s.charAt(16) != ':') {
      return null;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 2);
    int day = digits(s, 8, 2);
    int hour = digits(s, 11, 2);
    int minute = digits(s, 14, 2);
    int second = digits(s, 17, 2);
    if ((year | month | day | hour | minute | second) < 0) {
      return null;
    }
    int i = 19;
    int nano = 0;
    if (s.charAt(i) == '.') {
      int start = ++i;
      while (i < n && i - start < 9 && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        nano = nano * 10 + (s.charAt(i) - '0');
        i++;
      }
      if (i == start || (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9')) {
        return null;
      }
      for (int k = i - start; k < 9; k++) {
        nano *= 10;
      }
    }
    ZoneOffset offset;
    if (i == n - 1 && s.charAt(i) == 'Z') {
      offset = ZoneOffset.UTC;
    } else if (i == n - 6 && (s.charAt(i) == '+' || s.charAt(i) == '-') && s.charAt(i + 3) == ':') {
      int hours = digits(s, i + 1, 2);
      int minutes = digits(s, i + 4, 2);
      if ((hours | minutes) < 0) {
        return null;
      }
      int sign = s.charAt(i) == '-' ? -1 : 1;
      try {
        offset = ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
      } catch (DateTimeException e) {
        return null;
      }
    } else {
      return null;
    }
    try {
      return OffsetDateTime.of(year, month, day, hour, minute, second, nano, offset);
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** The value of {@code count} ASCII digits at {@code from}, or -1. */
  private static int digits(String s, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static @Nullable Map<Parameter, Integer> scores(
      @Nullable JsonNode n, List<FieldViolation> v) {
    if (n == null || n.isNull()) {
      v.add(new FieldViolation("scores", "is required: an object of parameter → integer"));
      return null;
    }
    if (!n.isObject()) {
      v.add(new FieldViolation("scores", "must be an object of parameter → integer"));
      return null;
    }
    if (n.isEmpty()) {
      v.add(new FieldViolation("scores", "must rate at least one parameter"));
      return null;
    }
    Map<Parameter, Integer> scores = new EnumMap<>(Parameter.class);
    int before = v.size();
    for (Map.Entry<String, JsonNode> e : n.properties()) {
      Parameter p = Parameter.parse(e.getKey()).orElse(null);
      JsonNode value = e.getValue();
      if (p != null && value.isIntegralNumber() && value.canConvertToInt()) {
        if (p.accepts(value.intValue())) {
          scores.put(p, value.intValue());
          continue;
        }
      }
      // The messages are built only for a violation: this loop runs for every score of every event.
      String field = "scores." + e.getKey();
      if (p == null) {
        v.add(new FieldViolation(field, "is not a parameter; known: " + PARAMETERS));
        continue;
      }
      String scale = "an integer from %d to %d".formatted(p.min(), p.max());
      if (!value.isIntegralNumber()) {
        v.add(
            new FieldViolation(
                field, "must be " + scale + (value.isNumber() ? ", not a fraction" : "")));
      } else {
        v.add(new FieldViolation(field, "must be " + scale + ", was " + value.bigIntegerValue()));
      }
    }
    return v.size() == before ? scores : null;
  }

  private static @Nullable Channel channel(@Nullable JsonNode n, List<FieldViolation> v) {
    if (n == null || n.isNull()) {
      return null;
    }
    if (n.isString()) {
      for (Channel c : Channel.values()) {
        if (c.name().equals(n.stringValue())) {
          return c;
        }
      }
    }
    v.add(new FieldViolation("channel", "must be one of " + CHANNELS));
    return null;
  }

  private static @Nullable String optionalText(
      @Nullable JsonNode n, String field, int max, boolean multiline, List<FieldViolation> v) {
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isString()) {
      v.add(new FieldViolation(field, "must be a string"));
      return null;
    }
    String text = n.stringValue();
    if (text.codePointCount(0, text.length()) > max) {
      v.add(new FieldViolation(field, "must be at most " + max + " characters"));
      return null;
    }
    // PostgreSQL text cannot hold NUL, and control characters in a one-line field are noise.
    boolean badControl =
        text.chars()
            .anyMatch(c ->
                c == 0
                    || (Character.isISOControl(c)
                        && !(multiline && (c == '\n' || c == '\r' || c == '\t'))));
    if (badControl) {
      v.add(new FieldViolation(field, "must not contain control characters"));
      return null;
    }
    return text.isEmpty() ? null : text;
  }

  private static @Nullable String requiredText(
      @Nullable JsonNode n, String field, List<FieldViolation> v) {
    if (n == null || n.isNull()) {
      v.add(new FieldViolation(field, "is required"));
      return null;
    }
    if (!n.isString()) {
      v.add(new FieldViolation(field, "must be a string"));
      return null;
    }
    return n.stringValue();
  }

  private static String human(Duration d) {
    if (d.toDaysPart() > 0 && d.toHoursPart() == 0 && d.toMinutesPart() == 0) {
      return d.toDays() + " days";
    }
    if (d.toMinutes() > 0 && d.toSecondsPart() == 0) {
      return d.toMinutes() + " minutes";
    }
    return d.toSeconds() + " seconds";
  }
}
