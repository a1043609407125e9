package io.pulse.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.awaitility.Awaitility;

/**
 * A PostgreSQL server of the test's own (the machine's PostgreSQL binaries, a fresh cluster in a
 * temporary directory, a port of its own), which the test may crash, restart or fill up: faults are
 * never injected into the shared server. Run as root, the cluster belongs to the {@code postgres}
 * user, as PostgreSQL refuses to run as root.
 */
public final class OwnPostgres implements AutoCloseable {

  private static final Path BIN = findBin();

  private final int port;
  private final Path dir;
  private final int maxConnections;

  public OwnPostgres(int maxConnections) throws IOException, InterruptedException {
    try (ServerSocket s = new ServerSocket(0)) {
      this.port = s.getLocalPort();
    }
    this.maxConnections = maxConnections;
    this.dir = Files.createTempDirectory("pulse-own-pg");
    if ("root".equals(System.getProperty("user.name"))) {
      run(List.of("chown", "-R", "postgres:postgres", dir.toString()));
    }
    onData("initdb", "-A", "trust", "-U", "postgres", "--no-sync");
    start();
  }

  public int port() {
    return port;
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
  }

  public String r2dbcUrl() {
    return "r2dbc:postgresql://127.0.0.1:" + port + "/postgres";
  }

  /** Starts the server (again) and waits until it accepts connections. */
  public void start() throws IOException, InterruptedException {
    onData(
        "pg_ctl",
        "-l",
        dir.resolve("log").toString(),
        "-w",
        "-o",
        "-p %d -k %s -c listen_addresses=127.0.0.1 -c max_connections=%d -c fsync=off"
            .formatted(port, dir, maxConnections),
        "start");
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .ignoreExceptions()
        .until(() -> {
          try (Connection c = connect()) {
            return c.isValid(1);
          }
        });
  }

  /** Stops at once, as a crash would: no checkpoint, every connection cut. */
  public void crash() throws IOException, InterruptedException {
    onData("pg_ctl", "-m", "immediate", "-w", "stop");
  }

  public Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl(), "postgres", "");
  }

  /**
   * Opens connections until the server refuses more (another client taking every slot); close the
   * returned list to give them back.
   */
  public Hog exhaust() {
    List<Connection> taken = new ArrayList<>();
    while (true) {
      try {
        taken.add(connect());
      } catch (SQLException e) {
        return new Hog(taken);
      }
    }
  }

  /** Takes every slot still free (freed since, say) into {@code hog}. */
  public void takeRest(Hog hog) {
    while (true) {
      try {
        hog.connections().add(connect());
      } catch (SQLException e) {
        return;
      }
    }
  }

  /** Connections held by another client. */
  public record Hog(List<Connection> connections) implements AutoCloseable {
    @Override
    public void close() {
      for (Connection c : connections) {
        try {
          c.close();
        } catch (SQLException e) {
          // gone already
        }
      }
    }
  }

  @Override
  public void close() throws IOException, InterruptedException {
    crash();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** Runs one of PostgreSQL's tools on this server's data directory, as the cluster's owner. */
  private void onData(String tool, String... args) throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of(BIN.resolve(tool).toString(), "-D", dir.resolve("data").toString()));
    command.addAll(List.of(args));
    run(asOwner(command.toArray(String[]::new)));
  }

  private static List<String> asOwner(String... command) {
    List<String> line = new ArrayList<>();
    if ("root".equals(System.getProperty("user.name"))) {
      line.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    line.addAll(List.of(command));
    return line;
  }

  private static void run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed:\n" + out);
    }
  }

  private static Path findBin() {
    try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
      return versions
          .map(v -> v.resolve("bin"))
          .filter(b -> Files.isExecutable(b.resolve("initdb")))
          .max(Comparator.naturalOrder())
          .orElseThrow(() -> new IllegalStateException("no PostgreSQL binaries"));
    } catch (IOException e) {
      throw new IllegalStateException("no PostgreSQL binaries under /usr/lib/postgresql", e);
    }
  }
}
