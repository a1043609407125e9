package io.pulse.system;

import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * A request that cannot be accepted as it is: answered with a problem detail listing every bad
 * field, and nothing is stored.
 */
public class InvalidInputException extends RuntimeException {

  private final HttpStatus status;
  private final List<FieldViolation> violations;

  public InvalidInputException(String detail, List<FieldViolation> violations) {
    this(HttpStatus.BAD_REQUEST, detail, violations);
  }

  public InvalidInputException(HttpStatus status, String detail, List<FieldViolation> violations) {
    super(detail);
    this.status = status;
    this.violations = List.copyOf(violations);
  }

  /** Well-formed input that refers to something that does not exist (e.g. an unknown dealer). */
  public static InvalidInputException unknownReference(
      String detail, List<FieldViolation> violations) {
    return new InvalidInputException(HttpStatus.UNPROCESSABLE_CONTENT, detail, violations);
  }

  public HttpStatus status() {
    return status;
  }

  public List<FieldViolation> violations() {
    return violations;
  }
}
