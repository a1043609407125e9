package io.pulse.ui;

import static io.pulse.ui.support.BackendApi.scores;
import static org.assertj.core.api.Assertions.assertThat;

import io.pulse.ui.support.BackendApi;
import io.pulse.ui.support.BackendExtension;
import io.pulse.ui.support.HeadlessChromium;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The UI in headless Chromium against the real backend (a child process on its own database and
 * Redis prefix) on real PostgreSQL and Redis: live updates within 2 s, weak points in red with
 * their reason, escaped comments, alert handling, drill-down brand → region → dealer, screenshots,
 * and recovery after the backend goes away.
 */
@ExtendWith(BackendExtension.class)
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"pulse.ui.reconnect-delay=1s", "pulse.ui.dealer-analysis-refresh=1s"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LiveUiIntegrationTests {

  static final String BRAND = "ITB";
  static final String NORTH = "ITR1";
  static final String SOUTH = "ITR2";
  static final String WATCHED = "ITD1";
  static final String FALLING = "ITD7";

  static ChromeDriver browser;
  static BackendApi api;

  @LocalServerPort int port;

  @DynamicPropertySource
  static void backend(DynamicPropertyRegistry registry) {
    registry.add("pulse.ui.backend-url", BackendExtension::backendUrl);
  }

  @BeforeAll
  static void network() throws Exception {
    api = new BackendApi(BackendExtension.backendUrl());
    api.brand(BRAND, "Itest Motors");
    api.region(NORTH, "North Test");
    api.region(SOUTH, "South Test");
    api.dealer(WATCHED, "Itest Center North", BRAND, NORTH, "Kazan");
    api.dealer("ITD2", "Itest Auto Two", BRAND, NORTH, "Kazan");
    api.dealer("ITD3", "Itest Auto Three", BRAND, NORTH, "Samara");
    api.dealer("ITD4", "Itest Auto Four", BRAND, NORTH, "Ufa");
    api.dealer("ITD5", "Itest South Five", BRAND, SOUTH, "Sochi");
    api.dealer("ITD6", "Itest South Six", BRAND, SOUTH, "Krasnodar");
    Random random = new Random(7);
    Instant now = Instant.now();
    // Three months of the watched dealer's history, getting better week by week (no low answers,
    // so no old alerts; no comments, so the feed shows today's): its trend chart has a slope.
    List<String> history = new ArrayList<>();
    for (int day = 2; day <= 92; day++) {
      int general = day > 60 ? 3 : day > 30 ? 4 : 5;
      for (int i = 0; i < 2 + random.nextInt(5); i++) {
        history.add(
            BackendApi.event(
                WATCHED,
                "SERVICE_VISIT",
                now.minus(Duration.ofDays(day)).plusSeconds(random.nextInt(8 * 3600)),
                scores(
                    Math.max(3, general - random.nextInt(2)),
                    3 + random.nextInt(3),
                    7 + random.nextInt(4)),
                null));
      }
    }
    api.feedback(history);
    List<String> events = new ArrayList<>();
    String[] stages = {
      "FIRST_CONTACT", "CONSULTATION", "TEST_DRIVE", "CONTRACT", "HANDOVER", "SERVICE_VISIT"
    };
    for (String dealer : List.of("ITD2", "ITD3", "ITD4", "ITD5", "ITD6")) {
      for (int i = 0; i < 40; i++) {
        events.add(
            BackendApi.event(
                dealer,
                stages[i % stages.length],
                now.minusSeconds(600 + random.nextInt(18 * 3600)),
                scores(4 + random.nextInt(2), 5, 9 + random.nextInt(2)),
                null));
      }
    }
    // The watched dealer: fine everywhere but slow (SPEED 2–3 against 5 around it).
    for (int i = 0; i < 30; i++) {
      events.add(
          BackendApi.event(
              WATCHED,
              stages[i % stages.length],
              now.minusSeconds(600 + random.nextInt(18 * 3600)),
              scores(4 + random.nextInt(2), i % 5 == 0 ? 2 : 3, 8 + random.nextInt(3)),
              i % 6 == 0 ? "Waited too long for the paperwork" : null));
    }
    api.feedback(events);
    browser = HeadlessChromium.start(1440, 1800, "en-GB");
  }

  @AfterAll
  static void closeBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  String ui(String path) {
    return "http://127.0.0.1:" + port + "/" + path;
  }

  WebDriverWait waiting(Duration timeout) {
    WebDriverWait wait = new WebDriverWait(browser, timeout, Duration.ofMillis(50));
    wait.ignoring(StaleElementReferenceException.class);
    return wait;
  }

  String text(String css) {
    List<WebElement> found = browser.findElements(By.cssSelector(css));
    return found.isEmpty() ? "" : found.get(0).getText();
  }

  /** Fills the login form and sends it; the page that follows is left to the caller to await. */
  void signIn(String user, String password) {
    WebElement name =
        waiting(Duration.ofSeconds(30))
            .until(
                ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("#login-form vaadin-text-field input")));
    name.sendKeys(user);
    browser
        .findElement(By.cssSelector("#login-form vaadin-password-field input"))
        .sendKeys(password, Keys.ENTER);
  }

  @Test
  @Order(0)
  void everyPageNeedsASignInAndADealerManagerSeesOnlyTheirDealers() {
    browser.get(ui("dealers/" + WATCHED + "?window=24h&lang=en"));
    waiting(Duration.ofSeconds(30)).until(ExpectedConditions.urlContains("/login"));
    assertThat(browser.findElements(By.id("responses-value"))).isEmpty();

    signIn("manager", "wrong");
    waiting(Duration.ofSeconds(15)).until(ExpectedConditions.urlContains("/login?error"));
    waiting(Duration.ofSeconds(15))
        .until(d -> d.findElement(By.id("login-form")).getDomAttribute("error") != null);

    // The backend's demo manager runs D00001 and D00002, not this test's dealers.
    signIn("manager", "demo");
    waiting(Duration.ofSeconds(15)).until(d -> text("#signed-in-user").equals("manager"));
    browser.get(ui("?lang=en"));
    waiting(Duration.ofSeconds(15))
        .until(d -> d.findElements(By.cssSelector("#own-dealers a.own-dealer")).size() == 2);
    assertThat(browser.findElements(By.id("brand-picker"))).isEmpty();
    browser.get(ui("dealers/" + WATCHED + "?window=24h&lang=en"));
    waiting(Duration.ofSeconds(15)).until(d -> !d.findElements(By.id("not-found")).isEmpty());
    assertThat(browser.findElements(By.id("responses-value"))).isEmpty();
    assertThat(browser.getPageSource()).doesNotContain("Itest Center North");
    browser.get(ui("brands/" + BRAND + "?lang=en"));
    waiting(Duration.ofSeconds(15)).until(d -> !d.findElements(By.id("not-found")).isEmpty());

    browser.findElement(By.id("sign-out")).click();
    waiting(Duration.ofSeconds(15)).until(ExpectedConditions.urlContains("/login"));
    browser.get(ui("brands/" + BRAND));
    waiting(Duration.ofSeconds(15)).until(ExpectedConditions.urlContains("/login"));

    // Everything that follows runs as the demo admin.
    signIn("admin", "admin");
    waiting(Duration.ofSeconds(15)).until(d -> text("#signed-in-user").equals("admin"));
  }

  @Test
  @Order(1)
  void aNewFeedbackReachesTheOpenCabinetWithin2SecondsAndFlashes() throws Exception {
    browser.get(ui("dealers/" + WATCHED + "?window=24h"));
    waiting(Duration.ofSeconds(30))
        .until(d ->
            "30".equals(text("#responses-value")) && text("#connection-state").contains("Live"));
    assertThat(text("#dealer-title")).isEqualTo("Itest Center North");

    Instant posted = Instant.now();
    api.feedback(
        List.of(BackendApi.event(WATCHED, "HANDOVER", Instant.now(), scores(5, 3, 10), null)));
    waiting(Duration.ofSeconds(2)).until(d -> "31".equals(text("#responses-value")));
    Duration latency = Duration.between(posted, Instant.now());
    System.out.println("[pulse-ui] post → screen latency: " + latency.toMillis() + " ms");
    assertThat(latency).isLessThan(Duration.ofSeconds(2));
    assertThat(browser.findElement(By.id("responses-value")).getAttribute("class"))
        .contains("pulse-changed");
  }

  @Test
  @Order(2)
  void theWeakPointIsRedWithIconVerdictAndReason() {
    browser.get(ui("dealers/" + WATCHED + "?window=24h"));
    WebElement speed =
        waiting(Duration.ofSeconds(30))
            .until(
                ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("#param-SPEED[data-verdict='WEAK_POINT']")));
    assertThat(speed.getAttribute("class")).contains("weak");
    assertThat(speed.getText()).contains("Speed and organisation").contains("Weak point");
    String reason = speed.findElement(By.cssSelector(".pulse-reason")).getText();
    assertThat(reason).contains("region").contains("answers");
    assertThat(speed.findElements(By.cssSelector("vaadin-icon.pulse-verdict-icon"))).hasSize(1);
    String color = speed.findElement(By.cssSelector(".pulse-parameter-label")).getCssValue("color");
    assertThat(color).isIn("rgba(185, 28, 28, 1)", "rgb(185, 28, 28)");
    // Weak points come first.
    List<String> verdicts =
        browser.findElements(By.cssSelector("#parameters .pulse-parameter")).stream()
            .map(e -> e.getAttribute("data-verdict"))
            .toList();
    int lastWeak = verdicts.lastIndexOf("WEAK_POINT");
    assertThat(verdicts.subList(0, lastWeak + 1)).containsOnly("WEAK_POINT");
  }

  @Test
  @Order(3)
  void commentsAreShownAsTextNeverAsMarkup() throws Exception {
    browser.get(ui("dealers/" + WATCHED + "?window=24h"));
    waiting(Duration.ofSeconds(30)).until(d -> text("#connection-state").contains("Live"));
    String nasty =
        "<b>bold</b><img src=x onerror=\"window.pwned=1\"> & <script>window.pwned=2</script>";
    api.feedback(
        List.of(BackendApi.event(WATCHED, "SERVICE_VISIT", Instant.now(), scores(2, 1, 3), nasty)));
    WebElement comment =
        waiting(Duration.ofSeconds(5))
            .until(d ->
                d.findElements(By.cssSelector("#feed .pulse-comment")).stream()
                    .filter(e -> e.getText().contains("onerror"))
                    .findFirst()
                    .orElse(null));
    assertThat(comment.getText()).isEqualTo(nasty);
    assertThat(comment.findElements(By.tagName("img"))).isEmpty();
    assertThat(((JavascriptExecutor) browser).executeScript("return window.pwned === undefined"))
        .isEqualTo(true);
  }

  @Test
  @Order(4)
  void anAlertCanBeAcknowledgedAndResolved() {
    browser.get(ui("dealers/" + WATCHED + "?window=24h"));
    WebElement ack =
        waiting(Duration.ofSeconds(15))
            .until(
                ExpectedConditions.elementToBeClickable(
                    By.cssSelector(".pulse-alert[data-status='OPEN'] vaadin-button.acknowledge")));
    String id = ack.findElement(By.xpath("ancestor::div[@data-status][1]")).getAttribute("id");
    ack.click();
    waiting(Duration.ofSeconds(5))
        .until(d -> "ACKNOWLEDGED".equals(d.findElement(By.id(id)).getAttribute("data-status")));
    // Into the middle of the window, away from the "acknowledged" notification at the bottom.
    WebElement resolve = browser.findElement(By.cssSelector("#" + id + " vaadin-button.resolve"));
    ((JavascriptExecutor) browser)
        .executeScript("arguments[0].scrollIntoView({block: 'center'})", resolve);
    resolve.click();
    WebElement note =
        waiting(Duration.ofSeconds(5))
            .until(
                ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("#resolve-note textarea")));
    note.sendKeys("Called the customer back; paperwork fast-tracked");
    browser.findElement(By.id("resolve-confirm")).click();
    // Resolved alerts leave the default (open) list.
    waiting(Duration.ofSeconds(5)).until(d -> d.findElements(By.id(id)).isEmpty());
  }

  @Test
  @Order(5)
  void drillDownFromBrandToRegionToDealer() throws Exception {
    browser.get(ui("brands/" + BRAND));
    WebElement region =
        waiting(Duration.ofSeconds(30))
            .until(
                ExpectedConditions.elementToBeClickable(
                    By.cssSelector("#region-grid a.region-link[data-region='" + NORTH + "']")));
    waiting(Duration.ofSeconds(10))
        .until(
            d -> "true".equals(d.findElement(By.id("region-chart")).getAttribute("data-rendered")));
    waiting(Duration.ofSeconds(30))
        .until(d -> !d.findElements(By.cssSelector("#leaderboard-grid a.dealer-link")).isEmpty());
    screenshot("executive-dashboard.png");
    region.click();
    waiting(Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/regions/" + NORTH));
    WebElement dealer =
        waiting(Duration.ofSeconds(30))
            .until(
                ExpectedConditions.elementToBeClickable(
                    By.cssSelector("#ranking-grid a.dealer-link[data-dealer='" + WATCHED + "']")));
    screenshot("region-dashboard.png");
    dealer.click();
    waiting(Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/dealers/" + WATCHED));
    waiting(Duration.ofSeconds(30))
        .until(d ->
            "Itest Center North".equals(text("#dealer-title")) && !text("#csi-value").isEmpty());
    waiting(Duration.ofSeconds(30))
        .until(d -> !d.findElements(By.cssSelector("#param-SPEED")).isEmpty());
    waiting(Duration.ofSeconds(10))
        .until(d -> !d.findElements(By.cssSelector("#feed .pulse-feed-item")).isEmpty());
    screenshot("dealer-cabinet.png");
  }

  @Test
  @Order(6)
  void russianIsPickedFromTheAddressAndNumbersFollowIt() {
    browser.get(ui("dealers/" + WATCHED + "?window=24h&lang=ru"));
    waiting(Duration.ofSeconds(30)).until(d -> text("#connection-state").contains("В эфире"));
    waiting(Duration.ofSeconds(30)).until(d -> text("#csi-value").contains(","));
    assertThat(text("#headline-responses")).contains("ОТВЕТЫ");
    // Back to English for the tests that follow: the choice sticks to the session once the page
    // has been served in English.
    browser.get(ui("?lang=en"));
    waiting(Duration.ofSeconds(15))
        .until(
            d -> d.findElement(By.cssSelector(".pulse-home")).getText().contains("Pick a brand"));
  }

  @Test
  @Order(7)
  void theCabinetSaysWhenTheBackendIsGoneAndRecoversByItself() throws Exception {
    browser.get(ui("dealers/" + WATCHED + "?window=24h&lang=en"));
    waiting(Duration.ofSeconds(30)).until(d -> text("#connection-state").contains("Live"));
    BackendExtension.backend().kill();
    waiting(Duration.ofSeconds(15))
        .until(d ->
            "STALE".equals(d.findElement(By.id("connection-state")).getAttribute("data-state")));
    assertThat(text("#connection-state")).contains("unreachable").contains("data as of");
    BackendExtension.backend().launch();
    waiting(Duration.ofSeconds(30))
        .until(d ->
            "LIVE".equals(d.findElement(By.id("connection-state")).getAttribute("data-state")));
    assertThat(text("#responses-value")).isNotEmpty();
  }

  @Test
  @Order(8)
  void theCabinetShowsTheDealersHistoryAsATrendChart() throws Exception {
    browser.get(ui("dealers/" + WATCHED + "?window=24h&lang=en"));
    waiting(Duration.ofSeconds(30)).until(d -> !text("#period-csi").isEmpty());
    waiting(Duration.ofSeconds(30))
        .until(
            d -> "true".equals(d.findElement(By.id("trend-chart")).getAttribute("data-rendered")));
    // The last three months against the three before: history from 92 days back fills both.
    assertThat(text("#period-csi-previous")).startsWith("before: ");
    assertThat(text("#period-responses")).isNotEmpty();
    screenshot("dealer-history.png");
  }

  @Test
  @Order(9)
  void anEarlyWarningPopsUpInTheOpenCabinetWithItsExplanation() throws Exception {
    // A dealer answered well 40 times (ending on a perfect answer, so its CSI test stands at 0)
    // and then badly: the backend's early-warning loop (every 10 s) finds the fall at the third
    // poor answer and pushes it on the dealer's feed.
    api.dealer(FALLING, "Itest South Falling", BRAND, SOUTH, "Sochi");
    Instant now = Instant.now();
    List<String> good = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      boolean top = i % 2 == 1;
      good.add(
          BackendApi.event(
              FALLING,
              "SERVICE_VISIT",
              now.minusSeconds(3600 - i * 60L),
              scores(top ? 5 : 4, top ? 5 : 4, top ? 10 : 8),
              null));
    }
    api.feedback(good);
    browser.get(ui("dealers/" + FALLING + "?window=24h"));
    waiting(Duration.ofSeconds(30))
        .until(d -> !d.findElements(By.cssSelector("#feed .pulse-feed-item")).isEmpty());
    List<String> poor = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      poor.add(
          BackendApi.event(
              FALLING,
              "SERVICE_VISIT",
              now.minusSeconds(60 - i * 10L),
              scores(3, 2, 5),
              i == 2 ? "Nobody called back about the repair <b>again</b>" : null));
    }
    api.feedback(poor);
    WebElement pushed =
        waiting(Duration.ofSeconds(60))
            .until(
                ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("#feed .pulse-feed-item.warning .pulse-warning-text")));
    assertThat(pushed.getText()).startsWith("CSI fell from ").contains(" over the last 3 answers");
    waiting(Duration.ofSeconds(70))
        .until(d -> !d.findElements(By.cssSelector("#alerts .pulse-warning-text")).isEmpty());
    assertThat(text("#alerts .pulse-warning-text")).isEqualTo(pushed.getText());
    screenshot("early-warning.png");
  }

  @Test
  @Order(10)
  void searchAndItsFileHoldOnlyWhatThePersonMaySee() throws Exception {
    // The demo people's network: the manager runs D00001 and D00002 of VOLTA, the executive VOLTA.
    api.brand("VOLTA", "Volta");
    api.dealer("D00001", "Volta Center", "VOLTA", NORTH, "Kazan");
    api.dealer("D00002", "Volta Two", "VOLTA", NORTH, "Kazan");
    api.dealer("D00003", "Volta Three", "VOLTA", SOUTH, "Sochi");
    Instant now = Instant.now();
    api.feedback(
        List.of(
            BackendApi.event(
                "D00001",
                "SERVICE_VISIT",
                now.minusSeconds(300),
                scores(3, 2, 4),
                "Waited an hour for the manager, call me on +7 912 345-67-89"),
            BackendApi.event(
                "D00003",
                "HANDOVER",
                now.minusSeconds(200),
                scores(4, 3, 6),
                "Waited for the car all week")));

    browser.findElement(By.id("sign-out")).click();
    waiting(Duration.ofSeconds(15)).until(ExpectedConditions.urlContains("/login"));
    signIn("manager", "demo");
    waiting(Duration.ofSeconds(15)).until(d -> text("#signed-in-user").equals("manager"));
    browser.get(ui("search?q=waited&lang=en"));
    waiting(Duration.ofSeconds(30)).until(d -> text("#search-summary").equals("1 comments"));
    assertThat(text("#search-results"))
        .contains("D00001", "[phone]")
        .doesNotContain("D00003", "ITD1", "345-67-89");
    assertThat(browser.findElements(By.cssSelector("#search-results mark"))).hasSize(1);
    assertThat(download("#search-csv"))
        .contains("D00001", "[phone]")
        .doesNotContain("D00003")
        .doesNotContain("ITD1")
        .doesNotContain("345-67-89");

    browser.findElement(By.id("sign-out")).click();
    waiting(Duration.ofSeconds(15)).until(ExpectedConditions.urlContains("/login"));
    signIn("exec-volta", "demo");
    waiting(Duration.ofSeconds(15)).until(d -> text("#signed-in-user").equals("exec-volta"));
    browser.get(ui("search?q=waited&lang=en"));
    waiting(Duration.ofSeconds(30)).until(d -> text("#search-summary").equals("2 comments"));
    assertThat(text("#search-results")).contains("D00001", "D00003").doesNotContain("ITD1");
    assertThat(download("#search-csv")).contains("D00001", "D00003").doesNotContain("ITD1");
    screenshot("comment-search.png");

    browser.findElement(By.id("sign-out")).click();
    waiting(Duration.ofSeconds(15)).until(ExpectedConditions.urlContains("/login"));
    signIn("admin", "admin");
    waiting(Duration.ofSeconds(15)).until(d -> text("#signed-in-user").equals("admin"));
  }

  @Test
  @Order(11)
  void onAPhoneTheCabinetAndTheSearchFitTheScreenAndTheAppInstalls() throws Exception {
    ChromeDriver phone = HeadlessChromium.start(390, 844, "en-GB");
    try {
      phone.get(ui("login"));
      WebElement name =
          new WebDriverWait(phone, Duration.ofSeconds(30))
              .until(
                  ExpectedConditions.presenceOfElementLocated(
                      By.cssSelector("#login-form vaadin-text-field input")));
      name.sendKeys("manager");
      phone
          .findElement(By.cssSelector("#login-form vaadin-password-field input"))
          .sendKeys("demo", Keys.ENTER);
      new WebDriverWait(phone, Duration.ofSeconds(15))
          .until(d -> !d.findElements(By.id("signed-in-user")).isEmpty());
      for (String page : List.of("dealers/D00001?window=30d&lang=en", "search?q=waited&lang=en")) {
        phone.get(ui(page));
        new WebDriverWait(phone, Duration.ofSeconds(30))
            .until(d ->
                !d.findElements(By.id("responses-value")).isEmpty()
                    || !d.findElements(By.cssSelector("#search-results .pulse-search-hit"))
                        .isEmpty());
        Object wider =
            phone.executeScript(
                "const d = document.documentElement; return d.scrollWidth - d.clientWidth;");
        assertThat(((Number) wider).intValue())
            .as("horizontal overflow on %s", page)
            .isLessThanOrEqualTo(0);
      }
      // Installable: the page names its web app manifest, and the manifest says how it opens.
      assertThat(phone.findElements(By.cssSelector("link[rel=manifest]"))).isNotEmpty();
      Object manifest =
          phone.executeAsyncScript(
              "const done = arguments[arguments.length - 1];"
                  + "fetch('manifest.webmanifest').then(r => r.text()).then(done, e => done('' + e));");
      assertThat(String.valueOf(manifest))
          .contains("\"short_name\":\"Pulse\"", "\"display\":\"standalone\"", "icon-192x192.png");
      Path dir = Path.of("target", "screenshots");
      Files.createDirectories(dir);
      phone.get(ui("dealers/D00001?window=30d&lang=en"));
      new WebDriverWait(phone, Duration.ofSeconds(30))
          .until(d -> !d.findElements(By.id("responses-value")).isEmpty());
      Path shot = phone.getScreenshotAs(OutputType.FILE).toPath();
      Files.copy(shot, dir.resolve("phone-cabinet.png"), StandardCopyOption.REPLACE_EXISTING);
      // The case of the detractor from the search test, on the phone: its steps, nothing wider.
      new WebDriverWait(phone, Duration.ofSeconds(30))
          .until(
              ExpectedConditions.elementToBeClickable(By.cssSelector("#alerts vaadin-button.case")))
          .click();
      new WebDriverWait(phone, Duration.ofSeconds(30))
          .until(d -> !d.findElements(By.id("case-history")).isEmpty());
      Object caseWider =
          phone.executeScript(
              "const d = document.documentElement; return d.scrollWidth - d.clientWidth;");
      assertThat(((Number) caseWider).intValue())
          .as("horizontal overflow of the case")
          .isLessThanOrEqualTo(0);
      assertThat(phone.findElement(By.id("case-assignee")).getText())
          .isEqualTo("Nobody has this case yet.");
    } finally {
      phone.quit();
    }
  }

  /** The file behind a download link, fetched in the page (the person's session) as text. */
  String download(String css) {
    String href = browser.findElement(By.cssSelector(css)).getAttribute("href");
    return String.valueOf(
        ((JavascriptExecutor) browser)
            .executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                    + "fetch(arguments[0]).then(r => r.text()).then(done, e => done('failed: ' + e));",
                href));
  }

  void screenshot(String name) throws Exception {
    // Let the charts finish drawing: their canvases the same in two looks 200 ms apart.
    String[] last = {null};
    new WebDriverWait(browser, Duration.ofSeconds(10), Duration.ofMillis(200))
        .until(d -> {
          String now =
              String.valueOf(
                  ((JavascriptExecutor) d)
                      .executeScript(
                          "return Array.from(document.querySelectorAll('pulse-chart canvas'))"
                              + ".map(c => c.toDataURL()).join('|')"));
          boolean still = now.equals(last[0]);
          last[0] = now;
          return still;
        });
    Path dir = Path.of("target", "screenshots");
    Files.createDirectories(dir);
    Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(shot, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
  }

  @SuppressWarnings("unused")
  private static WebDriver driver() {
    return browser;
  }
}
