package io.pulse.feedback;

import java.util.List;

/**
 * Payloads that must be refused, each with the status and the field the problem detail must name.
 * {@code DEALER} and {@code NOW} are replaced by a known dealer id and the current time.
 */
final class BadFeedbackCorpus {

  record Case(String name, String body, int status, String field) {
    @Override
    public String toString() {
      return name;
    }
  }

  static final String GOOD_ID = "5b0e8a0c-2f1e-4a57-9d1c-6a1f2b3c4d5e";

  private static String with(String fieldsJson) {
    return "{\"eventId\":\""
        + GOOD_ID
        + "\",\"dealerId\":\"DEALER\",\"stage\":\"HANDOVER\",\"occurredAt\":\"NOW\","
        + fieldsJson
        + "}";
  }

  static final List<Case> CASES =
      List.of(
          new Case("not JSON", "{\"eventId\": ", 400, ""),
          new Case("array instead of object", "[1,2]", 400, ""),
          new Case(
              "missing eventId",
              "{\"dealerId\":\"DEALER\",\"stage\":\"HANDOVER\",\"occurredAt\":\"NOW\",\"scores\":{\"SPEED\":3}}",
              400,
              "eventId"),
          new Case(
              "eventId not a UUID",
              with("\"scores\":{\"SPEED\":3}").replace(GOOD_ID, "abc-123"),
              400,
              "eventId"),
          new Case(
              "dealerId with a space",
              with("\"scores\":{\"SPEED\":3}").replace("DEALER", "D 1"),
              400,
              "dealerId"),
          new Case(
              "unknown dealer",
              with("\"scores\":{\"SPEED\":3}").replace("DEALER", "NoSuchDealer"),
              422,
              "dealerId"),
          new Case(
              "unknown stage",
              with("\"scores\":{\"SPEED\":3}").replace("HANDOVER", "PARKING"),
              400,
              "stage"),
          new Case(
              "occurredAt without offset",
              with("\"scores\":{\"SPEED\":3}").replace("NOW", "2026-11-23T10:00:00"),
              400,
              "occurredAt"),
          new Case(
              "occurredAt far in the future",
              with("\"scores\":{\"SPEED\":3}").replace("NOW", "2030-01-01T00:00:00Z"),
              400,
              "occurredAt"),
          new Case("scores missing", with("\"comment\":\"x\""), 400, "scores"),
          new Case("scores empty", with("\"scores\":{}"), 400, "scores"),
          new Case("unknown parameter", with("\"scores\":{\"PRICE\":3}"), 400, "scores.PRICE"),
          new Case("1-5 value out of scale", with("\"scores\":{\"SPEED\":6}"), 400, "scores.SPEED"),
          new Case("zero on a 1-5 scale", with("\"scores\":{\"CAR\":0}"), 400, "scores.CAR"),
          new Case(
              "RECOMMEND above 10", with("\"scores\":{\"RECOMMEND\":11}"), 400, "scores.RECOMMEND"),
          new Case("fractional score", with("\"scores\":{\"VISIT\":3.5}"), 400, "scores.VISIT"),
          new Case("score as a string", with("\"scores\":{\"VISIT\":\"3\"}"), 400, "scores.VISIT"),
          new Case(
              "unknown channel",
              with("\"scores\":{\"SPEED\":3},\"channel\":\"FAX\""),
              400,
              "channel"),
          new Case(
              "comment too long",
              with("\"scores\":{\"SPEED\":3},\"comment\":\"" + "x".repeat(2001) + "\""),
              400,
              "comment"),
          new Case(
              "comment with NUL",
              with("\"scores\":{\"SPEED\":3},\"comment\":\"a\\u0000b\""),
              400,
              "comment"),
          new Case(
              "unknown top-level field",
              with("\"scores\":{\"SPEED\":3},\"rating\":5"),
              400,
              "rating"),
          new Case(
              "huge integer",
              with("\"scores\":{\"SPEED\":99999999999999999999}"),
              400,
              "scores.SPEED"));

  private BadFeedbackCorpus() {}
}
