package io.pulse.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;

/**
 * A backend started from the jar the build packaged, as a process of its own that a test can kill
 * with SIGKILL (a crash in the middle of whatever it does) or stop with SIGTERM (a rolling
 * restart). It shares the test's database and Redis key prefix, like a second instance.
 */
public final class BackendProcess implements AutoCloseable {

  private static final Path JAR = Path.of("target", "pulse-backend.jar");

  private final Process process;
  private final int port;
  private final Path log;

  private BackendProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** Starts an instance on a free port with these extra properties and waits until it is ready. */
  public static BackendProcess start(String database, String redisPrefix, String... properties)
      throws IOException {
    if (!Files.isRegularFile(JAR)) {
      throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: run mvn verify");
    }
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command =
        new ArrayList<>(
            List.of(
                java,
                "-Xmx384m",
                "--enable-native-access=ALL-UNNAMED",
                "-jar",
                JAR.toString(),
                "--server.port=" + port,
                "--spring.main.banner-mode=off",
                "--spring.r2dbc.url=" + TestServices.r2dbcUrl(database),
                "--spring.r2dbc.username=" + TestServices.DB_USER,
                "--spring.r2dbc.password=" + TestServices.DB_PASSWORD,
                "--spring.r2dbc.pool.initial-size=1",
                "--spring.r2dbc.pool.max-size=5",
                "--spring.flyway.url=" + TestServices.jdbcUrl(database),
                "--spring.flyway.user=" + TestServices.DB_USER,
                "--spring.flyway.password=" + TestServices.DB_PASSWORD,
                "--spring.data.redis.host=" + TestServices.REDIS_HOST,
                "--spring.data.redis.port=" + TestServices.REDIS_PORT,
                "--pulse.windows.key-prefix=" + redisPrefix));
    command.addAll(List.of(properties));
    Path log = Files.createTempFile("pulse-backend-" + port, ".log");
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    BackendProcess backend = new BackendProcess(process, port, log);
    HttpClient http = HttpClient.newHttpClient();
    try {
      Awaitility.await()
          .atMost(Duration.ofSeconds(90))
          .ignoreExceptions()
          .until(() -> {
            if (!process.isAlive()) {
              throw new IllegalStateException("the backend exited:\n" + Files.readString(log));
            }
            HttpResponse<String> r =
                http.send(
                    HttpRequest.newBuilder(URI.create(backend.url("/actuator/health/readiness")))
                        .build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200;
          });
    } catch (RuntimeException e) {
      process.destroyForcibly();
      throw e;
    }
    return backend;
  }

  public int port() {
    return port;
  }

  public String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  /** SIGKILL: the instance stops at once, in the middle of whatever it was doing. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  /** SIGTERM: the instance shuts down gracefully, as in a rolling restart. */
  public void stop() throws InterruptedException {
    process.destroy();
    process.waitFor();
  }

  public String log() throws IOException {
    return Files.readString(log);
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }
}
