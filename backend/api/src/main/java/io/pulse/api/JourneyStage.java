package io.pulse.api;

import java.util.Optional;

/** The touchpoint of the customer journey an answer is about. */
public enum JourneyStage {
  FIRST_CONTACT,
  CONSULTATION,
  TEST_DRIVE,
  CONTRACT,
  HANDOVER,
  FOLLOW_UP,
  SERVICE_VISIT;

  public static Optional<JourneyStage> parse(String name) {
    for (JourneyStage s : values()) {
      if (s.name().equals(name)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
