package io.pulse.api;

import java.util.Optional;

/**
 * One of the seven rated parameters of a feedback answer, with its scale and how a raw answer is
 * normalised to 0–100.
 */
public enum Parameter {
  CONSULTATION('c', 1, 5, "Consultation quality", "Качество консультации"),
  COMMUNICATION('m', 1, 5, "Comfort of communication", "Комфорт общения"),
  VISIT('v', 1, 5, "Service during the visit", "Обслуживание во время визита"),
  RECOMMEND('r', 0, 10, "Willingness to recommend", "Готовность рекомендовать"),
  SPEED('s', 1, 5, "Speed and organisation", "Скорость и организация"),
  CAR('a', 1, 5, "Rating of the car", "Оценка автомобиля"),
  RETURN('b', 1, 5, "Willingness to come back", "Готовность вернуться");

  private final char code;
  private final int min;
  private final int max;
  private final String labelEn;
  private final String labelRu;

  Parameter(char code, int min, int max, String labelEn, String labelRu) {
    this.code = code;
    this.min = min;
    this.max = max;
    this.labelEn = labelEn;
    this.labelRu = labelRu;
  }

  /** A one-letter code, used to keep aggregate field names short in Redis. */
  public char code() {
    return code;
  }

  public int min() {
    return min;
  }

  public int max() {
    return max;
  }

  /** Number of distinct answer values on the scale. */
  public int levels() {
    return max - min + 1;
  }

  public boolean accepts(long value) {
    return value >= min && value <= max;
  }

  /** Normalised score 0–100: 1–5 → (v − 1) × 25, 0–10 → v × 10. Integral on both scales. */
  public int normalise(int value) {
    if (!accepts(value)) {
      throw new IllegalArgumentException(
          "%s must be from %d to %d, was %d".formatted(name(), min, max, value));
    }
    return (value - min) * 100 / (max - min);
  }

  /**
   * Whether an answer calls for a manager's attention: a detractor's RECOMMEND (0–6), or 1–2 on a
   * 1–5 parameter.
   */
  public boolean isLow(int value) {
    return this == RECOMMEND ? value <= 6 : value <= 2;
  }

  public String label(String language) {
    return "ru".equals(language) ? labelRu : labelEn;
  }

  public static Optional<Parameter> parse(String name) {
    for (Parameter p : values()) {
      if (p.name().equals(name)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  public static Optional<Parameter> ofCode(char code) {
    for (Parameter p : values()) {
      if (p.code == code) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
