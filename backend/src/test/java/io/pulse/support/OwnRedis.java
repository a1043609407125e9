package io.pulse.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;

/**
 * A redis-server of the test's own, on a port of its own, that the test may kill, restart, pause or
 * flush: faults are never injected into the shared Redis other tests and people use. Nothing is
 * kept on disk, so a restart comes back empty, as a crashed production Redis without persistence.
 */
public final class OwnRedis implements AutoCloseable {

  private final int port;
  private final Path dir;
  private Process process;

  public OwnRedis() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      this.port = s.getLocalPort();
    }
    this.dir = Files.createTempDirectory("pulse-own-redis");
    start();
  }

  public int port() {
    return port;
  }

  /** Starts the server (again) and waits until it answers. */
  public synchronized void start() throws IOException {
    process =
        new ProcessBuilder(
                List.of(
                    "redis-server",
                    "--bind",
                    "127.0.0.1",
                    "--port",
                    Integer.toString(port),
                    "--save",
                    "",
                    "--appendonly",
                    "no",
                    "--dir",
                    dir.toString()))
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("redis.log").toFile())
            .start();
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .ignoreExceptions()
        .until(() -> "PONG".equals(command("PING")));
  }

  /** {@code kill -9}: the server dies at once, with everything it held. */
  public synchronized void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  /** Runs one command with {@code redis-cli} and returns its reply as text. */
  public String command(String... args) throws IOException, InterruptedException {
    List<String> line = new ArrayList<>(List.of("redis-cli", "-p", Integer.toString(port)));
    line.addAll(List.of(args));
    Process cli = new ProcessBuilder(line).redirectErrorStream(true).start();
    String out = new String(cli.getInputStream().readAllBytes()).strip();
    cli.waitFor();
    return out;
  }

  @Override
  public synchronized void close() throws InterruptedException {
    kill();
  }
}
