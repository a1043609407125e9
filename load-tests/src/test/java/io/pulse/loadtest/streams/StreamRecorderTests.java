package io.pulse.loadtest.streams;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import scala.Option;

class StreamRecorderTests {

  /** Stands in for Gatling's SSE state machine, which keeps its state in this field. */
  @SuppressWarnings("unused")
  private static final class Machine {
    private final Object currentState;

    Machine(Object state) {
      this.currentState = state;
    }
  }

  private static final class SseClosedState {}

  @Test
  void readsTheStateOfGatlingsStateMachine() {
    assertThat(StreamRecorder.fsmState(Option.apply(new Machine(new SseClosedState()))))
        .isEqualTo("SseClosedState");
  }

  @Test
  void noMachineOrNoStateIsUnknown() {
    assertThat(StreamRecorder.fsmState(Option.empty())).isNull();
    assertThat(StreamRecorder.fsmState(Option.apply(new Machine(null)))).isNull();
    assertThat(StreamRecorder.fsmState(Option.apply("not a machine"))).isNull();
  }
}
