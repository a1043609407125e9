package io.pulse.ui.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.awaitility.core.ConditionTimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * The real backend for browser tests: {@code backend/target/pulse-backend.jar}, copied to a temp
 * file (the original may be rebuilt meanwhile), run as a child process on a free port with its own
 * throwaway PostgreSQL database and Redis key prefix, both removed by {@link #close()}. The ui
 * module does not depend on backend code; it talks to the backend only over HTTP, as in production.
 */
public final class BackendProcess implements AutoCloseable {

  /** Where the root build leaves the backend's jar (relative to the ui module). */
  public static final Path JAR = Path.of("..", "backend", "target", "pulse-backend.jar");

  /** The backend's demo admin (HTTP Basic admin:admin), for a backend that asks for credentials. */
  public static final String AUTHORIZATION = "Basic YWRtaW46YWRtaW4=";

  private static final String DB_HOST = env("PULSE_DB_HOST", "127.0.0.1");
  private static final String DB_PORT = env("PULSE_DB_PORT", "5432");
  private static final String DB_USER = env("PULSE_DB_USER", "postgres");
  private static final @Nullable String DB_PASSWORD = System.getenv("PULSE_DB_PASSWORD");
  private static final String REDIS_HOST = env("PULSE_REDIS_HOST", "127.0.0.1");
  private static final int REDIS_PORT = Integer.parseInt(env("PULSE_REDIS_PORT", "6379"));

  private final Path jarCopy;
  private final String database;
  private final String redisPrefix;
  private final int port;
  private final Path log;
  private @Nullable Process process;

  private BackendProcess(Path jarCopy, String database, String redisPrefix, int port, Path log) {
    this.jarCopy = jarCopy;
    this.database = database;
    this.redisPrefix = redisPrefix;
    this.port = port;
    this.log = log;
  }

  /** Why browser tests cannot run here, or null when they can. */
  public static @Nullable String missingPrerequisite() {
    if (!Files.isRegularFile(JAR)) {
      return "the backend jar "
          + JAR.toAbsolutePath().normalize()
          + " is missing: build it first (infra/test.sh or ./mvnw verify at the root package the"
          + " backend before the ui module)";
    }
    if (!HeadlessChromium.installed()) {
      return "Debian's chromium and chromium-driver are not installed at /usr/bin"
          + " (apt-get install chromium chromium-driver; .ci/run does it)";
    }
    return null;
  }

  /** Copies the jar, creates the database and starts the backend; waits until it is ready. */
  public static BackendProcess start() throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    Path dir = Files.createTempDirectory("pulse-ui-it-");
    Path copy = dir.resolve("backend.jar");
    Files.copy(JAR, copy, StandardCopyOption.REPLACE_EXISTING);
    String database = "pulse_ui_it_" + suffix;
    try (Connection c = admin();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + database);
    }
    BackendProcess backend =
        new BackendProcess(
            copy,
            database,
            "pulse-ui-it-" + suffix,
            freePort(),
            Path.of("target", "it-backend-" + suffix + ".log"));
    backend.launch();
    return backend;
  }

  public String url() {
    return "http://127.0.0.1:" + port;
  }

  public String redisPrefix() {
    return redisPrefix;
  }

  /** Starts the backend (again, after {@link #kill()}), same port, database and prefix. */
  public synchronized void launch() throws Exception {
    Files.createDirectories(log.toAbsolutePath().getParent());
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command =
        new ArrayList<>(List.of(java, "-Xmx512m", "--enable-native-access=ALL-UNNAMED"));
    command.addAll(
        List.of(
            "-jar",
            jarCopy.toString(),
            "--server.port=" + port,
            // The tests' few people watch many scopes between them.
            "--pulse.security.max-streams-per-user=10000",
            // The UI under test, on loopback, forwards its browsers' addresses.
            "--pulse.security.forwarded.trusted-proxies=127.0.0.1,::1"));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    Map<String, String> env = builder.environment();
    env.put("PULSE_DB_NAME", database);
    env.put("PULSE_REDIS_PREFIX", redisPrefix);
    env.put("PULSE_ADMIN_PASSWORD", "admin");
    process = builder.start();
    awaitReady(Duration.ofSeconds(120));
  }

  /** Stops the backend abruptly, as a crash would. */
  public synchronized void kill() throws InterruptedException {
    Process p = process;
    if (p != null) {
      p.destroyForcibly();
      p.waitFor();
      process = null;
    }
  }

  private void awaitReady(Duration timeout) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    try {
      await("the backend ready")
          .atMost(timeout)
          .pollInterval(Duration.ofMillis(500))
          .until(() -> {
            Process p = process;
            if (p == null || !p.isAlive()) {
              throw new IllegalStateException(
                  "the backend exited during startup; see " + log.toAbsolutePath());
            }
            try {
              HttpResponse<String> r =
                  http.send(
                      HttpRequest.newBuilder(URI.create(url() + "/actuator/health/readiness"))
                          .timeout(Duration.ofSeconds(2))
                          .build(),
                      HttpResponse.BodyHandlers.ofString());
              return r.statusCode() == 200 && r.body().contains("\"UP\"");
            } catch (IOException e) {
              return false; // not listening yet
            }
          });
    } catch (ConditionTimeoutException e) {
      throw new IllegalStateException(
          "the backend was not ready within " + timeout + "; see " + log.toAbsolutePath(), e);
    }
  }

  @Override
  public void close() throws Exception {
    kill();
    try (Connection c = admin();
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }
    RedisKeys.deletePrefix(REDIS_HOST, REDIS_PORT, redisPrefix);
    Files.deleteIfExists(jarCopy);
    Files.deleteIfExists(jarCopy.getParent());
  }

  private static Connection admin() throws SQLException {
    String url = String.format(Locale.ROOT, "jdbc:postgresql://%s:%s/postgres", DB_HOST, DB_PORT);
    return DriverManager.getConnection(url, DB_USER, DB_PASSWORD);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }
}
