package io.pulse.loadtest.feeders;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * Generates feedback events as the API takes them (docs/api.md, "Feedback ingest"): a fresh UUID, a
 * dealer picked by {@link DealerSkew}, a journey stage, an answer time a few minutes back with a
 * Moscow offset, two to six scores with a realistic, mostly positive spread, sometimes a comment.
 */
public final class FeedbackEvents {

  /** The journey stages of docs/api.md, "Feedback ingest"; events use all of them. */
  static final List<String> STAGES =
      List.of(
          "FIRST_CONTACT",
          "CONSULTATION",
          "TEST_DRIVE",
          "CONTRACT",
          "HANDOVER",
          "FOLLOW_UP",
          "SERVICE_VISIT");

  private static final List<String> SCALE_PARAMETERS =
      List.of("CONSULTATION", "COMMUNICATION", "VISIT", "SPEED", "CAR", "RETURN");
  private static final List<String> CHANNELS = List.of("SMS", "SMS", "CALL", "WEB", "APP", "EMAIL");
  private static final List<String> COMMENTS =
      List.of(
          "Everything was fine",
          "The manager was polite and knew the car well",
          "Waited too long at the service desk",
          "Test drive was short, would like more time",
          "Nobody called me back after the visit",
          "Quick handover, thank you",
          "Coffee machine was broken again");
  private static final DateTimeFormatter OCCURRED =
      DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(ZoneOffset.ofHours(3));
  private static final long MAX_AGE_SECONDS = 300;

  private final DealerSkew dealers;

  /** Events for the dealers of {@code dealers}. */
  public FeedbackEvents(DealerSkew dealers) {
    this.dealers = dealers;
  }

  /** One event as a JSON object. */
  public String event(RandomGenerator random) {
    StringBuilder json = new StringBuilder(320);
    append(json, random, Instant.now());
    return json.toString();
  }

  /** {@code size} events as a JSON array, for {@code POST /api/v1/feedback/batch}. */
  public String batch(RandomGenerator random, int size) {
    StringBuilder json = new StringBuilder(320 * size + 2).append('[');
    Instant now = Instant.now();
    for (int i = 0; i < size; i++) {
      if (i > 0) {
        json.append(',');
      }
      append(json, random, now);
    }
    return json.append(']').toString();
  }

  private void append(StringBuilder json, RandomGenerator random, Instant now) {
    Instant occurred =
        now.minusSeconds(random.nextLong(MAX_AGE_SECONDS)).truncatedTo(ChronoUnit.SECONDS);
    json.append("{\"eventId\":\"")
        .append(uuid(random))
        .append("\",\"dealerId\":\"")
        .append(dealers.pick(random))
        .append("\",\"stage\":\"")
        .append(STAGES.get(random.nextInt(STAGES.size())))
        .append("\",\"occurredAt\":\"")
        .append(OCCURRED.format(OffsetDateTime.ofInstant(occurred, ZoneOffset.UTC)))
        .append("\",\"scores\":{");
    boolean first = true;
    if (random.nextDouble() < 0.9) {
      json.append("\"RECOMMEND\":").append(recommend(random));
      first = false;
    }
    int others = 2 + random.nextInt(4);
    int start = random.nextInt(SCALE_PARAMETERS.size());
    for (int i = 0; i < others; i++) {
      if (!first) {
        json.append(',');
      }
      first = false;
      json.append('"')
          .append(SCALE_PARAMETERS.get((start + i) % SCALE_PARAMETERS.size()))
          .append("\":")
          .append(scale(random));
    }
    json.append("},\"channel\":\"").append(CHANNELS.get(random.nextInt(CHANNELS.size())));
    if (random.nextDouble() < 0.3) {
      json.append("\",\"comment\":\"").append(COMMENTS.get(random.nextInt(COMMENTS.size())));
    }
    json.append("\",\"customerRef\":\"c-")
        .append(Long.toHexString(random.nextLong() & 0xffff_ffffL))
        .append("\"}");
  }

  /** 0–10, most answers 8–10: about 55 % promoters, 25 % passives, 20 % detractors. */
  static int recommend(RandomGenerator random) {
    double u = random.nextDouble();
    if (u < 0.55) {
      return 9 + random.nextInt(2);
    }
    if (u < 0.80) {
      return 7 + random.nextInt(2);
    }
    return random.nextInt(7);
  }

  /** 1–5, mostly 4 and 5. */
  static int scale(RandomGenerator random) {
    double u = random.nextDouble();
    return u < 0.45 ? 5 : u < 0.75 ? 4 : u < 0.88 ? 3 : u < 0.95 ? 2 : 1;
  }

  private static String uuid(RandomGenerator random) {
    long high = (random.nextLong() & ~0xf000L) | 0x4000L;
    long low = (random.nextLong() & 0x3fff_ffff_ffff_ffffL) | 0x8000_0000_0000_0000L;
    return new UUID(high, low).toString();
  }
}
