package io.pulse.ui.backend;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulse.ui.backend.Connection.State;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ConnectionTests {

  final Instant t0 = Instant.parse("2026-11-23T10:00:00Z");

  @Test
  void aDropAfterLiveReadsAsReconnectingThenStaleSinceTheLastFigures() {
    Connection live = Connection.connecting(t0).live(t0.plusSeconds(1));
    Connection dropped = live.down(t0.plusSeconds(10));
    assertThat(dropped.state()).isEqualTo(State.RECONNECTING);
    Connection stale = dropped.down(t0.plusSeconds(12));
    assertThat(stale.state()).isEqualTo(State.STALE);
    assertThat(stale.lastLiveAt()).isEqualTo(t0.plusSeconds(1));
    assertThat(stale.changedAt()).isEqualTo(t0.plusSeconds(12));
    assertThat(stale.down(t0.plusSeconds(20)).changedAt()).isEqualTo(t0.plusSeconds(12));
    assertThat(stale.live(t0.plusSeconds(30)).state()).isEqualTo(State.LIVE);
  }

  @Test
  void aBackendThatWasNeverReachedHasNoLastFigures() {
    Connection c = Connection.connecting(t0).down(t0.plusSeconds(1)).down(t0.plusSeconds(3));
    assertThat(c.state()).isEqualTo(State.STALE);
    assertThat(c.lastLiveAt()).isNull();
  }

  @Test
  void stayingLiveKeepsTheMomentItBecameLive() {
    Connection c = Connection.connecting(t0).live(t0.plusSeconds(1)).live(t0.plusSeconds(5));
    assertThat(c.changedAt()).isEqualTo(t0.plusSeconds(1));
    assertThat(c.lastLiveAt()).isEqualTo(t0.plusSeconds(5));
  }

  @Test
  void aPauseKeepsTheLastLiveMomentAndEndsWithTheNextFigures() {
    Connection live = Connection.connecting(t0).live(t0.plusSeconds(1));
    Connection paused = live.paused(t0.plusSeconds(10));
    assertThat(paused.state()).isEqualTo(State.PAUSED);
    assertThat(paused.lastLiveAt()).isEqualTo(t0.plusSeconds(1));
    assertThat(paused.paused(t0.plusSeconds(15)).changedAt()).isEqualTo(t0.plusSeconds(10));
    // A snapshot while paused is shown, but does not make the numbers live.
    assertThat(paused.live(t0.plusSeconds(12)).state()).isEqualTo(State.PAUSED);
    Connection back = paused.resumed(t0.plusSeconds(20));
    assertThat(back.state()).isEqualTo(State.LIVE);
    assertThat(back.changedAt()).isEqualTo(t0.plusSeconds(20));
    assertThat(paused.down(t0.plusSeconds(21)).state()).isEqualTo(State.RECONNECTING);
  }
}
