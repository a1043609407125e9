package io.pulse.api;

import java.util.Optional;

/** The touchpoint of the customer journey an answer is about. */
public enum JourneyStage {
  FIRST_CONTACT("first contact", "первый контакт"),
  CONSULTATION("consultation", "консультация"),
  TEST_DRIVE("test drive", "тест-драйв"),
  CONTRACT("contract", "договор"),
  HANDOVER("handover", "выдача"),
  FOLLOW_UP("follow-up", "сопровождение"),
  SERVICE_VISIT("service visit", "сервисный визит");

  private final String labelEn;
  private final String labelRu;

  JourneyStage(String labelEn, String labelRu) {
    this.labelEn = labelEn;
    this.labelRu = labelRu;
  }

  /** The stage in words, lower case, for use inside a sentence ("ru" or else English). */
  public String label(String language) {
    return "ru".equals(language) ? labelRu : labelEn;
  }

  public static Optional<JourneyStage> parse(String name) {
    for (JourneyStage s : values()) {
      if (s.name().equals(name)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
