package io.pulse.api;

/** What a user is for. */
public enum Role {
  /** Watches one or more dealers. */
  DEALER_MANAGER,
  /** Watches one brand: its regions and dealers. */
  BRAND_EXECUTIVE,
  /** Operations: everything, including rebuilds, keys and metrics. */
  ADMIN,
  /** A source system sending feedback and the network (API key). */
  INGEST
}
