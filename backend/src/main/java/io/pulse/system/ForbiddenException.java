package io.pulse.system;

import java.util.List;

/**
 * The caller may not do this to what the request names (e.g. feedback for a dealer outside an API
 * key's brands): a 403 naming each field, and nothing of the request was done.
 */
public class ForbiddenException extends RuntimeException {

  private final List<FieldViolation> violations;

  public ForbiddenException(String detail, List<FieldViolation> violations) {
    super(detail, null, false, false);
    this.violations = List.copyOf(violations);
  }

  public List<FieldViolation> violations() {
    return violations;
  }
}
