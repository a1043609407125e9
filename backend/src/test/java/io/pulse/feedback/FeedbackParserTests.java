package io.pulse.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulse.api.Channel;
import io.pulse.api.FeedbackEvent;
import io.pulse.api.JourneyStage;
import io.pulse.api.Parameter;
import io.pulse.system.FieldViolation;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class FeedbackParserTests {

  static final List<BadFeedbackCorpus.Case> CASES =
      BadFeedbackCorpus.CASES.stream()
          .filter(c -> c.status() == 400 && !c.field().isEmpty())
          .toList();

  private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
  private final JsonMapper json = JsonMapper.builder().build();
  private final FeedbackParser parser = new FeedbackParser(IngestLimits.defaults());

  private FeedbackParser.Parsed parse(String body) {
    JsonNode node = json.readTree(body.replace("DEALER", "D1").replace("NOW", NOW.toString()));
    return parser.parse(node, NOW);
  }

  @Test
  void parsesAValidEvent() {
    FeedbackParser.Parsed p =
        parse(
            "{\"eventId\":\"5b0e8a0c-2f1e-4a57-9d1c-6a1f2b3c4d5e\",\"dealerId\":\"DEALER\",\"stage\":\"HANDOVER\","
                + "\"occurredAt\":\"2026-11-23T12:59:00+03:00\",\"scores\":{\"SPEED\":3,\"RECOMMEND\":0},"
                + "\"comment\":\"<b>hi</b>\\nthere\",\"channel\":\"SMS\",\"customerRef\":\"ab12\"}");
    assertThat(p.violations()).isEmpty();
    FeedbackEvent e = p.event();
    assertThat(e).isNotNull();
    assertThat(e.stage()).isEqualTo(JourneyStage.HANDOVER);
    assertThat(e.scores()).containsEntry(Parameter.SPEED, 3).containsEntry(Parameter.RECOMMEND, 0);
    assertThat(e.occurredAt().toInstant()).isEqualTo(Instant.parse("2026-11-23T09:59:00Z"));
    assertThat(e.comment()).isEqualTo("<b>hi</b>\nthere");
    assertThat(e.channel()).isEqualTo(Channel.SMS);
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("CASES")
  void refusesAndNamesTheField(BadFeedbackCorpus.Case c) {
    FeedbackParser.Parsed p = parse(c.body());
    assertThat(p.valid()).isFalse();
    assertThat(p.violations()).extracting(FieldViolation::field).contains(c.field());
  }

  @Test
  void reportsEveryViolationAtOnce() {
    FeedbackParser.Parsed p =
        parse("{\"eventId\":1,\"stage\":\"X\",\"scores\":{\"SPEED\":9,\"CAR\":0}}");
    assertThat(p.violations())
        .extracting(FieldViolation::field)
        .contains("eventId", "dealerId", "stage", "occurredAt", "scores.SPEED", "scores.CAR");
  }

  @Test
  void acceptsOldEventsWithinTheMaximumAge() {
    FeedbackParser.Parsed p =
        parse(
            "{\"eventId\":\"5b0e8a0c-2f1e-4a57-9d1c-6a1f2b3c4d5e\",\"dealerId\":\"DEALER\",\"stage\":\"HANDOVER\","
                + "\"occurredAt\":\"2025-01-01T00:00:00Z\",\"scores\":{\"SPEED\":3}}");
    assertThat(p.valid()).isTrue();
  }
}
