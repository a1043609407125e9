package io.pulse.system;

/** The addressed resource does not exist. */
public class NotFoundException extends RuntimeException {

  public NotFoundException(String detail) {
    super(detail);
  }
}
