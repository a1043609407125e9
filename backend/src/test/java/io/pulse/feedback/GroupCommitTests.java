package io.pulse.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

class GroupCommitTests {

  /** A write the test finishes by hand: what it was given, and the switch that ends it. */
  private record Write(List<String> items, Sinks.One<List<String>> result) {
    void succeed() {
      result.tryEmitValue(items.stream().map(i -> "stored " + i).toList());
    }

    void fail(String why) {
      result.tryEmitError(new IllegalStateException(why));
    }
  }

  private final List<Write> writes = new CopyOnWriteArrayList<>();

  /** Weight of a submission: its length, so "aaa" weighs 3. */
  private GroupCommit<String, String> commit(int maxWeight, int maxConcurrentWrites) {
    return new GroupCommit<>(
        maxWeight,
        maxConcurrentWrites,
        String::length,
        items -> {
          Write w = new Write(items, Sinks.one());
          writes.add(w);
          return w.result().asMono();
        });
  }

  @Test
  void aSubmissionToAnIdleWriterIsWrittenAtOnceAndAlone() {
    GroupCommit<String, String> commit = commit(10, 1);
    StepVerifier.create(commit.submit("a"))
        .then(() -> {
          assertThat(writes).hasSize(1);
          assertThat(writes.getFirst().items()).containsExactly("a");
          writes.getFirst().succeed();
        })
        .expectNext("stored a")
        .verifyComplete();
  }

  @Test
  void submissionsArrivingDuringAWriteShareTheNextOneWithinTheWeightBound() {
    GroupCommit<String, String> commit = commit(5, 1);
    List<String> replies = new CopyOnWriteArrayList<>();
    commit.submit("a").subscribe(replies::add);
    // Queued while the first write is in flight: 2 + 3 fit one write of 5, 4 must wait for a third.
    commit.submit("bb").subscribe(replies::add);
    commit.submit("ccc").subscribe(replies::add);
    commit.submit("dddd").subscribe(replies::add);
    assertThat(writes).hasSize(1);
    assertThat(commit.queued()).isEqualTo(3);
    assertThat(commit.queuedWeight()).isEqualTo(9);

    writes.get(0).succeed();
    assertThat(writes).hasSize(2);
    assertThat(writes.get(1).items()).containsExactly("bb", "ccc");
    writes.get(1).succeed();
    assertThat(writes.get(2).items()).containsExactly("dddd");
    writes.get(2).succeed();

    assertThat(replies).containsExactly("stored a", "stored bb", "stored ccc", "stored dddd");
    assertThat(commit.queuedWeight()).isZero();
    assertThat(commit.writesInFlight()).isZero();
  }

  @Test
  void aSubmissionHeavierThanTheBoundStillGoesOutOnItsOwn() {
    GroupCommit<String, String> commit = commit(2, 1);
    StepVerifier.create(commit.submit("abcdef"))
        .then(() -> writes.getFirst().succeed())
        .expectNext("stored abcdef")
        .verifyComplete();
  }

  @Test
  void keepsAtMostTheGivenWritesInFlight() {
    GroupCommit<String, String> commit = commit(1, 2);
    List<String> replies = new CopyOnWriteArrayList<>();
    for (String s : List.of("a", "b", "c", "d")) {
      commit.submit(s).subscribe(replies::add);
    }
    assertThat(writes).hasSize(2);
    assertThat(commit.writesInFlight()).isEqualTo(2);
    writes.get(1).succeed();
    assertThat(writes).hasSize(3);
    assertThat(writes.get(2).items()).containsExactly("c");
    assertThat(replies).containsExactly("stored b");
  }

  @Test
  void aFailedSharedWriteIsRetriedOneByOneSoOnlyTheBrokenSubmissionFails() {
    GroupCommit<String, String> commit = commit(10, 1);
    List<Object> replies = new CopyOnWriteArrayList<>();
    commit.submit("first").subscribe(replies::add, replies::add);
    commit.submit("ok").subscribe(replies::add, replies::add);
    commit.submit("bad").subscribe(replies::add, e -> replies.add("failed: " + e.getMessage()));
    commit.submit("fine").subscribe(replies::add, replies::add);
    writes.get(0).succeed();
    assertThat(writes.get(1).items()).containsExactly("ok", "bad", "fine");

    writes.get(1).fail("a dealer was deleted");
    // One at a time, each in the same write slot.
    assertThat(writes.get(2).items()).containsExactly("ok");
    assertThat(commit.writesInFlight()).isEqualTo(1);
    writes.get(2).succeed();
    assertThat(writes.get(3).items()).containsExactly("bad");
    writes.get(3).fail("dealer D9 does not exist");
    assertThat(writes.get(4).items()).containsExactly("fine");
    writes.get(4).succeed();

    assertThat(replies)
        .containsExactly(
            "stored first", "stored ok", "failed: dealer D9 does not exist", "stored fine");
    assertThat(commit.writesInFlight()).isZero();
  }

  @Test
  void aWriteThatThrowsFailsItsSubmissionAndTheWriterGoesOn() {
    List<String> seen = new ArrayList<>();
    GroupCommit<String, String> commit =
        new GroupCommit<>(
            10,
            1,
            String::length,
            items -> {
              seen.addAll(items);
              if (items.contains("boom")) {
                throw new IllegalArgumentException("cannot encode");
              }
              return Mono.just(items);
            });
    StepVerifier.create(commit.submit("boom")).expectErrorMessage("cannot encode").verify();
    StepVerifier.create(commit.submit("next")).expectNext("next").verifyComplete();
    assertThat(seen).containsExactly("boom", "next");
  }

  @Test
  void aWriteMustAnswerEverySubmission() {
    GroupCommit<String, String> commit =
        new GroupCommit<>(10, 1, String::length, items -> Mono.just(List.of()));
    StepVerifier.create(commit.submit("a"))
        .expectErrorMessage("a write returned 0 results for 1 submissions")
        .verify();
  }

  @Test
  void refusesBoundsBelowOne() {
    assertThatThrownBy(() -> new GroupCommit<String, String>(0, 1, String::length, Mono::just))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
