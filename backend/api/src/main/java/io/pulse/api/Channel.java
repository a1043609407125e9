package io.pulse.api;

/** How the answer was collected. */
public enum Channel {
  SMS,
  CALL,
  WEB,
  APP,
  EMAIL
}
