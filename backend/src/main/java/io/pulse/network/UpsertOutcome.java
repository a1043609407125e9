package io.pulse.network;

/** What an idempotent upsert did to a record. */
public enum UpsertOutcome {
  CREATED,
  UPDATED,
  UNCHANGED
}
