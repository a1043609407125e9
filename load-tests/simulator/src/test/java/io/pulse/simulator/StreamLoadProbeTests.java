package io.pulse.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.pulse.simulator.StreamLoadProbe.Options;
import io.pulse.simulator.StreamLoadProbe.SseStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.ParameterException;

class StreamLoadProbeTests {

  /** Records what a stream reports, as text. */
  private static final class Recorder implements SseStream.Listener {
    final List<String> seen = new ArrayList<>();

    @Override
    public void heartbeat() {
      seen.add("heartbeat");
    }

    @Override
    public void snapshot() {
      seen.add("snapshot");
    }

    @Override
    public void update(long nowMillis, @Nullable Instant accepted, @Nullable Instant sent) {
      seen.add("update@" + nowMillis + " accepted=" + accepted + " sent=" + sent);
    }
  }

  private static String message(
      String event, long version, String sentAt, @Nullable String accepted) {
    String index =
        accepted == null
            ? "{\"csi\":80.1}"
            : "{\"csi\":80.1,\"lastEventAcceptedAt\":\"" + accepted + "\"}";
    return "id:"
        + version
        + "\nevent:"
        + event
        + "\nretry:3000\ndata:{\"version\":"
        + version
        + ",\"sentAt\":\""
        + sentAt
        + "\",\"index\":"
        + index
        + "}\n\n";
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void anUpdateWithANewerEventCarriesItsAcceptanceTime() {
    Recorder r = new Recorder();
    SseStream stream = new SseStream(r);

    stream.feed(utf8(message("snapshot", 1, "2026-11-23T10:00:00Z", "2026-11-23T09:59:00Z")), 1);
    stream.feed(utf8(message("update", 2, "2026-11-23T10:00:01.2Z", "2026-11-23T10:00:01.1Z")), 2);

    assertThat(r.seen)
        .containsExactly(
            "snapshot", "update@2 accepted=2026-11-23T10:00:01.100Z sent=2026-11-23T10:00:01.200Z");
  }

  @Test
  void anUpdateWithoutANewerEventIsStale() {
    Recorder r = new Recorder();
    SseStream stream = new SseStream(r);

    stream.feed(utf8(message("snapshot", 1, "2026-11-23T10:00:00Z", "2026-11-23T09:59:00Z")), 1);
    // The window slid: figures changed, the newest event is the snapshot's.
    stream.feed(utf8(message("update", 2, "2026-11-23T10:00:05Z", "2026-11-23T09:59:00Z")), 2);
    stream.feed(utf8(message("update", 3, "2026-11-23T10:00:06Z", null)), 3);
    stream.feed(utf8(message("update", 4, "2026-11-23T10:00:07Z", "2026-11-23T10:00:06.9Z")), 4);
    stream.feed(utf8(message("update", 5, "2026-11-23T10:00:08Z", "2026-11-23T10:00:06.9Z")), 5);

    assertThat(r.seen)
        .containsExactly(
            "snapshot",
            "update@2 accepted=null sent=2026-11-23T10:00:05Z",
            "update@3 accepted=null sent=2026-11-23T10:00:06Z",
            "update@4 accepted=2026-11-23T10:00:06.900Z sent=2026-11-23T10:00:07Z",
            "update@5 accepted=null sent=2026-11-23T10:00:08Z");
  }

  @Test
  void aScopeWithoutEventsGetsItsFirstOneAsFresh() {
    Recorder r = new Recorder();
    SseStream stream = new SseStream(r);

    stream.feed(utf8(message("snapshot", 1, "2026-11-23T10:00:00Z", null)), 1);
    stream.feed(utf8(message("update", 2, "2026-11-23T10:00:02Z", "2026-11-23T10:00:01Z")), 2);

    assertThat(r.seen)
        .containsExactly(
            "snapshot", "update@2 accepted=2026-11-23T10:00:01Z sent=2026-11-23T10:00:02Z");
  }

  @Test
  void eventsSplitAnywhereAcrossChunksAndCrlfLinesParseTheSame() {
    String all =
        message("snapshot", 1, "2026-11-23T10:00:00Z", "2026-11-23T09:00:00Z")
            + ":heartbeat\n\n"
            + message("update", 2, "2026-11-23T10:00:01Z", "2026-11-23T10:00:00.5Z")
                .replace("\n", "\r\n");
    byte[] bytes = utf8(all);
    for (int cut = 0; cut <= bytes.length; cut++) {
      Recorder r = new Recorder();
      SseStream stream = new SseStream(r);
      byte[] head = new byte[cut];
      byte[] tail = new byte[bytes.length - cut];
      System.arraycopy(bytes, 0, head, 0, cut);
      System.arraycopy(bytes, cut, tail, 0, tail.length);

      stream.feed(head, 7);
      stream.feed(tail, 7);

      assertThat(r.seen)
          .as("cut at %d", cut)
          .containsExactly(
              "snapshot",
              "heartbeat",
              "update@7 accepted=2026-11-23T10:00:00.500Z sent=2026-11-23T10:00:01Z");
    }
  }

  @Test
  void severalEventsInOneChunkAreAllReported() {
    Recorder r = new Recorder();
    SseStream stream = new SseStream(r);

    stream.feed(
        utf8(
            message("snapshot", 1, "2026-11-23T10:00:00Z", "2026-11-23T09:00:00Z")
                + message("update", 2, "2026-11-23T10:00:01Z", "2026-11-23T10:00:00.5Z")
                + message("update", 3, "2026-11-23T10:00:02Z", "2026-11-23T10:00:01.5Z")),
        9);

    assertThat(r.seen).hasSize(3).last().asString().contains("accepted=2026-11-23T10:00:01.500Z");
  }

  @Test
  void anIncompleteEventIsNotReportedYet() {
    Recorder r = new Recorder();
    SseStream stream = new SseStream(r);
    String snapshot = message("snapshot", 1, "2026-11-23T10:00:00Z", "2026-11-23T09:00:00Z");

    stream.feed(utf8(snapshot.substring(0, snapshot.length() - 1)), 1);

    assertThat(r.seen).isEmpty();
  }

  private static Options parse(String... args) {
    return CommandLines.parse(new Options(), args);
  }

  @Test
  void noArgumentsGiveTheDocumentedDefaults() {
    Options o = parse();

    assertThat(o.url()).isEqualTo(URI.create("http://127.0.0.1:8080"));
    assertThat(o.streams).isEqualTo(10_000);
    assertThat(o.dealers()).isEqualTo(10_000);
    assertThat(o.first).isZero();
    assertThat(o.seed()).isEqualTo(42);
    assertThat(o.window).isEqualTo("24h");
    assertThat(o.duration).isEqualTo(Duration.ofMinutes(5));
    assertThat(o.ramp).isEqualTo(Duration.ofSeconds(60));
    assertThat(o.threads).isEqualTo(Runtime.getRuntime().availableProcessors());
  }

  @Test
  void optionsParseDurationsAsIsoOrSecondsAndSpreadDealersFromFirst() {
    Options o =
        parse(
            "--url",
            "http://127.0.0.1:18090",
            "--streams",
            "5000",
            "--dealers",
            "10000",
            "--first",
            "9999",
            "--seed",
            "7",
            "--window",
            "1h",
            "--duration",
            "0",
            "--ramp",
            "PT30S",
            "--threads",
            "2");

    assertThat(o.url()).isEqualTo(URI.create("http://127.0.0.1:18090"));
    assertThat(o.streams).isEqualTo(5000);
    assertThat(o.seed()).isEqualTo(7);
    assertThat(o.window).isEqualTo("1h");
    assertThat(o.duration).isZero();
    assertThat(o.ramp).isEqualTo(Duration.ofSeconds(30));
    assertThat(o.threads).isEqualTo(2);
    assertThat(o.dealerIndex(0)).isEqualTo(9999);
    assertThat(o.dealerIndex(1)).isZero();
    assertThat(parse("--duration", "180").duration).isEqualTo(Duration.ofMinutes(3));
  }

  @Test
  void badOptionsAreRefused() {
    assertThatExceptionOfType(ParameterException.class)
        .isThrownBy(() -> parse("--what", "1"))
        .withMessageContaining("--what");
    assertThatExceptionOfType(ParameterException.class)
        .isThrownBy(() -> parse("--streams"))
        .withMessageContaining("--streams");
    assertThatExceptionOfType(ParameterException.class)
        .isThrownBy(() -> parse("--streams", "0"))
        .withMessage("--streams: expected a whole number between 1 and 2147483647, got 0");
    assertThatExceptionOfType(ParameterException.class)
        .isThrownBy(() -> parse("--first", "-1"))
        .withMessageContaining("--first");
    assertThatExceptionOfType(ParameterException.class)
        .isThrownBy(() -> parse("--threads", "0"))
        .withMessageContaining("--threads");
    assertThatExceptionOfType(ParameterException.class)
        .isThrownBy(() -> parse("--duration", "-PT1S"))
        .withMessageContaining("--duration");
  }

  @Test
  void helpListsEveryOptionAndABadValueExitsWithTwo() {
    CommandLineRun help = CommandLineRun.of(new Options(), "--help");
    CommandLineRun bad = CommandLineRun.of(new Options(), "--url", "localhost");

    assertThat(help.exitCode()).isZero();
    assertThat(help.out())
        .contains("io.pulse.simulator.StreamLoadProbe")
        .contains("--url", "--streams", "--dealers", "--first", "--seed", "--window")
        .contains("--duration", "--ramp", "--threads", "--help");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).startsWith("pulse-stream-probe: ").contains("--url");
    assertThat(help.runs() + bad.runs()).isZero();
  }
}
