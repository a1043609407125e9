package io.pulse.api;

/** The last 7 days against the last 30. */
public enum Trend {
  IMPROVING,
  DECLINING,
  FLAT,
  /** Not enough answers in the last 7 days to tell. */
  UNKNOWN
}
