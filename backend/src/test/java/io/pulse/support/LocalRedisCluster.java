package io.pulse.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A real three-master Redis Cluster on free local ports, started from the machine's redis-server
 * for one test class and shut down after it (no persistence, files in a temp directory).
 */
public final class LocalRedisCluster implements AutoCloseable {

  private final List<Integer> ports = new ArrayList<>();
  private final List<Process> nodes = new ArrayList<>();
  private final Path dir;

  private LocalRedisCluster(Path dir) {
    this.dir = dir;
  }

  public static boolean available() {
    return Files.isExecutable(Path.of("/usr/bin/redis-server"))
        && Files.isExecutable(Path.of("/usr/bin/redis-cli"));
  }

  public static LocalRedisCluster start() throws IOException, InterruptedException {
    LocalRedisCluster cluster = new LocalRedisCluster(Files.createTempDirectory("pulse-cluster"));
    for (int i = 0; i < 3; i++) {
      int port;
      try (ServerSocket s = new ServerSocket(0)) {
        port = s.getLocalPort();
      }
      cluster.ports.add(port);
      cluster.nodes.add(
          new ProcessBuilder(
                  "redis-server",
                  "--port",
                  Integer.toString(port),
                  "--bind",
                  "127.0.0.1",
                  "--cluster-enabled",
                  "yes",
                  "--cluster-config-file",
                  "nodes-" + port + ".conf",
                  "--dir",
                  cluster.dir.toString(),
                  "--save",
                  "",
                  "--appendonly",
                  "no")
              .redirectErrorStream(true)
              .redirectOutput(cluster.dir.resolve("node-" + port + ".log").toFile())
              .start());
    }
    for (int port : cluster.ports) {
      cluster.await(() -> cli(port, "ping").contains("PONG"), "node " + port + " up");
    }
    List<String> create = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
    cluster.ports.forEach(p -> create.add("127.0.0.1:" + p));
    create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
    Process p = new ProcessBuilder(create).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      cluster.close();
      throw new IllegalStateException("cluster create failed: " + out);
    }
    for (int port : cluster.ports) {
      cluster.await(
          () -> cli(port, "cluster", "info").contains("cluster_state:ok"), "cluster ok on " + port);
    }
    return cluster;
  }

  /** The seed nodes, as spring.data.redis.cluster.nodes wants them. */
  public String nodes() {
    return ports.stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
  }

  private interface Check {
    boolean ok() throws IOException, InterruptedException;
  }

  private void await(Check check, String what) {
    try {
      Awaitility.await(what)
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(100))
          .until(check::ok);
    } catch (ConditionTimeoutException e) {
      close();
      throw new IllegalStateException("timed out waiting for " + what, e);
    }
  }

  private static String cli(int port, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("redis-cli", "-p", Integer.toString(port)));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    p.waitFor(5, TimeUnit.SECONDS);
    return out;
  }

  @Override
  public void close() {
    nodes.forEach(Process::destroy);
    for (Process n : nodes) {
      try {
        n.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try (var files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      // temp files; nothing more to do
    }
  }
}
