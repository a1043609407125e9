// Drives N simulated browser sessions against a running Pulse UI, each watching one dealer
// cabinet over Vaadin's own protocol (the init request, then the WebSocket push connection, as
// the browser does), posts feedback to the backend and measures when the new number reaches each
// session. JDK only; run with `java ui/bench/UiSessionBench.java --help` (ui/bench/sessions.sh does).
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class UiSessionBench {

  static final Pattern DEALER_ID = Pattern.compile("\"id\":\"(D[0-9]+)\"");
  static final Pattern RESPONSES = Pattern.compile("\"responses\":([0-9]+)");

  record Options(
      String ui,
      String backend,
      String auth,
      String user,
      String password,
      int sessions,
      int events,
      double rate,
      String window) {}

  /** One simulated browser tab with one dealer cabinet open. */
  static final class Session implements WebSocket.Listener {
    final String dealerId;
    volatile WebSocket socket;
    final StringBuilder partial = new StringBuilder();
    final AtomicLong messages = new AtomicLong();
    final AtomicLong bytes = new AtomicLong();
    volatile String expect; // the new responses count we wait for
    volatile long expectSince;
    volatile CompletableFuture<Long> arrived;
    final CompletableFuture<Void> firstPush = new CompletableFuture<>();

    Session(String dealerId) {
      this.dealerId = dealerId;
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String message = partial.toString();
        partial.setLength(0);
        messages.incrementAndGet();
        bytes.addAndGet(message.length());
        if (message.contains("\"changes\"")) {
          firstPush.complete(null);
        }
        String e = expect;
        CompletableFuture<Long> f = arrived;
        if (e != null && f != null && message.contains("\"" + e + "\"")) {
          f.complete(System.nanoTime() - expectSince);
        }
      }
      ws.request(1);
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      firstPush.completeExceptionally(error);
    }
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> a = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    if (args.length == 1 && args[0].contains("help")) {
      System.out.println(
          "--ui URL --backend URL [--auth 'Basic …'] [--user admin --password admin] [--sessions 500] [--events 300] [--rate 5] [--window 24h]");
      return;
    }
    Options o =
        new Options(
            a.getOrDefault("ui", "http://127.0.0.1:8081"),
            a.getOrDefault("backend", "http://127.0.0.1:8080"),
            a.getOrDefault("auth", "Basic YWRtaW46YWRtaW4="),
            a.getOrDefault("user", "admin"),
            a.getOrDefault("password", "admin"),
            Integer.parseInt(a.getOrDefault("sessions", "500")),
            Integer.parseInt(a.getOrDefault("events", "300")),
            Double.parseDouble(a.getOrDefault("rate", "5")),
            a.getOrDefault("window", "24h"));
    HttpClient http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newFixedThreadPool(8))
            .build();

    // The dealers to watch: the first N the backend lists.
    String dealersJson = get(http, o.backend() + "/api/v1/dealers", o.auth());
    List<String> dealers = new ArrayList<>();
    Matcher m = DEALER_ID.matcher(dealersJson);
    while (m.find() && dealers.size() < o.sessions()) {
      dealers.add(m.group(1));
    }
    Collections.sort(dealers);
    if (dealers.size() < o.sessions()) {
      throw new IllegalStateException("only " + dealers.size() + " dealers in the backend");
    }

    // Open the sessions, 16 at a time, as browsers would: init request, then the push socket.
    List<Session> sessions = Collections.synchronizedList(new ArrayList<>());
    Semaphore inFlight = new Semaphore(16);
    long openStart = System.nanoTime();
    List<CompletableFuture<Void>> opening = new ArrayList<>();
    for (String dealer : dealers) {
      inFlight.acquire();
      Session s = new Session(dealer);
      sessions.add(s);
      opening.add(
          open(http, o, s)
              .whenComplete((v, e) -> inFlight.release())
              .thenCompose(v -> s.firstPush.orTimeout(60, TimeUnit.SECONDS)));
    }
    int failed = 0;
    for (CompletableFuture<Void> f : opening) {
      try {
        f.join();
      } catch (Exception e) {
        if (failed++ == 0) {
          System.err.println("first failed session: " + e);
        }
      }
    }
    double openSeconds = (System.nanoTime() - openStart) / 1e9;
    System.out.printf(
        "OPENED sessions=%d failed=%d seconds=%.1f%n", sessions.size(), failed, openSeconds);
    System.out.println("READY");
    // The caller measures memory and idle CPU now; it tells us to go on through stdin.
    new BufferedReader(new InputStreamReader(System.in)).readLine();

    // Post feedback to random watched dealers at a steady rate; time until the session sees it.
    Random random = new Random(42);
    ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
    AtomicInteger missed = new AtomicInteger();
    long periodNanos = (long) (1e9 / o.rate());
    long next = System.nanoTime();
    List<CompletableFuture<Void>> waits = new ArrayList<>();
    long busyStart = System.nanoTime();
    for (int i = 0; i < o.events(); i++) {
      long sleep = next - System.nanoTime();
      if (sleep > 0) {
        TimeUnit.NANOSECONDS.sleep(sleep);
      }
      next += periodNanos;
      Session s = sessions.get(random.nextInt(sessions.size()));
      if (s.arrived != null && !s.arrived.isDone()) {
        continue; // still waiting for this one: pick another next time
      }
      String index =
          get(http, o.backend() + "/api/v1/dealers/" + s.dealerId + "/index?window=" + o.window(), o.auth());
      Matcher r = RESPONSES.matcher(index);
      if (!r.find()) {
        continue;
      }
      long n = Long.parseLong(r.group(1)) + 1;
      CompletableFuture<Long> arrived = new CompletableFuture<>();
      s.expect = String.format(Locale.UK, "%,d", n);
      s.arrived = arrived;
      s.expectSince = System.nanoTime();
      post(http, o.backend() + "/api/v1/feedback", o.auth(), event(s.dealerId, random));
      waits.add(
          arrived
              .orTimeout(10, TimeUnit.SECONDS)
              .handle(
                  (nanos, e) -> {
                    if (e == null) {
                      latencies.add(nanos);
                    } else {
                      missed.incrementAndGet();
                    }
                    return null;
                  }));
    }
    CompletableFuture.allOf(waits.toArray(CompletableFuture[]::new)).join();
    double busySeconds = (System.nanoTime() - busyStart) / 1e9;
    List<Long> sorted = new ArrayList<>(latencies);
    Collections.sort(sorted);
    long messages = sessions.stream().mapToLong(s -> s.messages.get()).sum();
    long bytes = sessions.stream().mapToLong(s -> s.bytes.get()).sum();
    System.out.printf(
        "LATENCY events=%d seen=%d missed=%d p50=%.0f p90=%.0f p99=%.0f max=%.0f seconds=%.1f pushes=%d pushbytes=%d%n",
        waits.size(),
        sorted.size(),
        missed.get(),
        pct(sorted, 50),
        pct(sorted, 90),
        pct(sorted, 99),
        sorted.isEmpty() ? 0 : sorted.getLast() / 1e6,
        busySeconds,
        messages,
        bytes);
    System.out.println("DONE");
    new BufferedReader(new InputStreamReader(System.in)).readLine();
    for (Session s : sessions) {
      if (s.socket != null) {
        s.socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
      }
    }
    System.exit(0);
  }

  static final Pattern CSRF = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");

  static String sessionCookie(HttpResponse<?> response, String fallback) {
    return response.headers().allValues("set-cookie").stream()
        .filter(c -> c.startsWith("JSESSIONID="))
        .map(c -> c.substring(0, c.indexOf(';')))
        .findFirst()
        .orElse(fallback);
  }

  /**
   * Signs in through the login form as a browser does (GET /login, then POST it with the CSRF
   * token of the page, if it carries one); completes with the session cookie that is then valid.
   */
  static CompletableFuture<String> signIn(HttpClient http, Options o) {
    HttpRequest page =
        HttpRequest.newBuilder(URI.create(o.ui() + "/login")).timeout(Duration.ofSeconds(30)).build();
    return http.sendAsync(page, HttpResponse.BodyHandlers.ofString())
        .thenCompose(
            response -> {
              String cookie = sessionCookie(response, "");
              Matcher csrf = CSRF.matcher(response.body());
              String form =
                  "username="
                      + URLEncoder.encode(o.user(), StandardCharsets.UTF_8)
                      + "&password="
                      + URLEncoder.encode(o.password(), StandardCharsets.UTF_8)
                      + (csrf.find() ? "&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8) : "");
              HttpRequest.Builder post =
                  HttpRequest.newBuilder(URI.create(o.ui() + "/login"))
                      .header("Content-Type", "application/x-www-form-urlencoded")
                      .timeout(Duration.ofSeconds(30))
                      .POST(HttpRequest.BodyPublishers.ofString(form));
              HttpRequest login = cookie.isEmpty() ? post.build() : post.header("Cookie", cookie).build();
              return http.sendAsync(login, HttpResponse.BodyHandlers.discarding())
                  .thenApply(
                      answer -> {
                        String location = answer.headers().firstValue("location").orElse("");
                        if (answer.statusCode() != 302 || location.contains("error")) {
                          throw new IllegalStateException(
                              "sign-in as " + o.user() + " failed: " + answer.statusCode() + " " + location);
                        }
                        return sessionCookie(answer, cookie);
                      });
            });
  }

  static CompletableFuture<Void> open(HttpClient http, Options o, Session s) {
    String location = URLEncoder.encode("dealers/" + s.dealerId, StandardCharsets.UTF_8);
    return signIn(http, o)
        .thenCompose(
            cookie -> {
              HttpRequest init =
                  HttpRequest.newBuilder(
                          URI.create(o.ui() + "/?v-r=init&location=" + location + "&query=" + URLEncoder.encode("window=" + o.window(), StandardCharsets.UTF_8)))
                      .header("Accept-Language", "en-GB")
                      .header("Cookie", cookie)
                      .timeout(Duration.ofSeconds(30))
                      .build();
              return http.sendAsync(init, HttpResponse.BodyHandlers.ofString())
                  .thenApply(response -> Map.entry(cookie, response));
            })
        .thenCompose(
            signedIn -> {
              String cookie = signedIn.getKey();
              HttpResponse<String> response = signedIn.getValue();
              Matcher push = Pattern.compile("\"Vaadin-Push-ID\":\"([^\"]+)\"").matcher(response.body());
              if (!push.find()) {
                throw new IllegalStateException("no push id in the init answer");
              }
              String ws =
                  o.ui().replaceFirst("^http", "ws")
                      + "/VAADIN/push?v-r=push&v-uiId=0&v-pushId="
                      + push.group(1)
                      + "&X-Atmosphere-tracking-id=0&X-Atmosphere-Framework=3.1.5-javascript"
                      + "&X-Atmosphere-Transport=websocket&X-Atmosphere-TrackMessageSize=true"
                      + "&Content-Type=application/json;%20charset=UTF-8&X-atmo-protocol=true";
              Matcher key =
                  Pattern.compile("\"Vaadin-Security-Key\":\"([^\"]+)\"").matcher(response.body());
              if (!key.find()) {
                throw new IllegalStateException("no security key in the init answer");
              }
              return http.newWebSocketBuilder()
                  .header("Cookie", cookie)
                  .connectTimeout(Duration.ofSeconds(10))
                  .buildAsync(URI.create(ws), s)
                  .thenCompose(
                      socket -> {
                        s.socket = socket;
                        return navigate(http, o, s, cookie, key.group(1));
                      });
            });
  }

  /**
   * The init request only bootstraps the UI; the browser's router then tells the server where it
   * is with a "ui-navigate" event, which attaches the dealer cabinet view.
   */
  static CompletableFuture<Void> navigate(
      HttpClient http, Options o, Session s, String cookie, String securityKey) {
    String body =
        ("{\"csrfToken\":\"%s\",\"rpc\":[{\"type\":\"event\",\"node\":1,\"event\":\"ui-navigate\","
                + "\"data\":{\"route\":\"dealers/%s\",\"query\":\"window=%s\",\"appShellTitle\":\"\","
                + "\"historyState\":{\"idx\":0},\"trigger\":\"\"}}],\"syncId\":0,\"clientId\":0}")
            .formatted(securityKey, s.dealerId, o.window());
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(o.ui() + "/?v-r=uidl&v-uiId=0"))
            .header("Content-Type", "application/json; charset=UTF-8")
            .header("Cookie", cookie)
            .timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
        .thenAccept(
            answer -> {
              if (answer.statusCode() != 200 || !answer.body().contains(s.dealerId)) {
                throw new IllegalStateException(
                    "navigating to dealers/" + s.dealerId + " failed: " + answer.statusCode());
              }
            });
  }

  static String event(String dealer, Random random) {
    return ("{\"eventId\":\"%s\",\"dealerId\":\"%s\",\"stage\":\"HANDOVER\",\"occurredAt\":\"%s\","
            + "\"scores\":{\"SPEED\":%d,\"RECOMMEND\":%d,\"CAR\":5},\"channel\":\"APP\"}")
        .formatted(
            UUID.randomUUID(),
            dealer,
            Instant.now().atOffset(ZoneOffset.UTC),
            1 + random.nextInt(5),
            random.nextInt(11));
  }

  static String get(HttpClient http, String url, String auth) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(url)).header("Authorization", auth).build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() >= 300) {
      throw new IllegalStateException(url + " → " + r.statusCode());
    }
    return r.body();
  }

  static void post(HttpClient http, String url, String auth, String body) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", auth)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() >= 300) {
      throw new IllegalStateException(url + " → " + r.statusCode() + " " + r.body());
    }
  }

  static double pct(List<Long> sorted, int p) {
    if (sorted.isEmpty()) {
      return 0;
    }
    int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, i)) / 1e6;
  }
}
