package io.pulse.system;

/**
 * One reason a request was refused, naming the field as a path into the body, e.g. {@code
 * [3].scores.SPEED}.
 */
public record FieldViolation(String field, String message) {

  public FieldViolation prefixed(String prefix) {
    if (field.isEmpty()) {
      return new FieldViolation(prefix, message);
    }
    return new FieldViolation(prefix + (field.startsWith("[") ? "" : ".") + field, message);
  }
}
