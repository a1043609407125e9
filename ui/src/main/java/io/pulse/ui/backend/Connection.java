package io.pulse.ui.backend;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The state of one live stream as a viewer should read it.
 *
 * @param state where the stream is
 * @param lastLiveAt when figures last arrived over a working connection (null: never)
 * @param changedAt when the state last changed
 */
public record Connection(State state, @Nullable Instant lastLiveAt, Instant changedAt) {

  /** Where a live stream is. */
  public enum State {
    /** Opening the first connection. */
    CONNECTING,
    /** Connected: the figures are current. */
    LIVE,
    /** The connection dropped a moment ago; reopening it. */
    RECONNECTING,
    /** Reopening failed again: the figures shown are as of {@code lastLiveAt}. */
    STALE,
    /**
     * Connected, but the backend says changes are not reaching it for now (its live path is
     * recovering): the figures shown are as of {@code lastLiveAt} until it sends a fresh snapshot.
     */
    PAUSED
  }

  public static Connection connecting(Instant now) {
    return new Connection(State.CONNECTING, null, now);
  }

  /**
   * Figures arrived. While the backend says its live path is paused they are shown, but the state
   * stays paused: they are a snapshot, not a live feed, until the backend says it is back.
   */
  public Connection live(Instant now) {
    if (state == State.PAUSED) {
      return this;
    }
    return new Connection(State.LIVE, now, state == State.LIVE ? changedAt : now);
  }

  /** The backend said its live path is back; a fresh snapshot follows. */
  public Connection resumed(Instant now) {
    return state == State.PAUSED ? new Connection(State.LIVE, now, now) : this;
  }

  /**
   * The connection failed or ended. The first failure after a working connection reads as
   * reconnecting; a further failure (or one before anything arrived twice) reads as stale.
   */
  public Connection down(Instant now) {
    State next = state == State.LIVE || state == State.PAUSED ? State.RECONNECTING : State.STALE;
    if (state == State.CONNECTING) {
      next = State.RECONNECTING;
    }
    return new Connection(next, lastLiveAt, next == state ? changedAt : now);
  }

  /** The backend reported its live path paused; figures resume with its next snapshot. */
  public Connection paused(Instant now) {
    return new Connection(State.PAUSED, lastLiveAt, state == State.PAUSED ? changedAt : now);
  }

  public boolean isLive() {
    return state == State.LIVE;
  }
}
