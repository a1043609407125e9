package io.pulse.ui.security;

import static io.pulse.ui.support.BackendApi.scores;
import static org.assertj.core.api.Assertions.assertThat;

import io.pulse.ui.support.BackendApi;
import io.pulse.ui.support.BackendExtension;
import io.pulse.ui.support.HeadlessChromium;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What reaches a person's browser, byte for byte: every WebSocket frame (Vaadin's push) and every
 * XHR and fetch response (Vaadin's replies to the browser's own requests) is recorded in the page
 * from before Vaadin starts (a script Chromium runs in every new document). A dealer manager opens
 * the cabinet of a dealer that is not theirs while an admin watches that dealer and feedback with
 * comments flows into it: none of that dealer's name, city, comments or figures reaches the
 * manager, while the same recording in the admin's browser shows them arriving. And an alert the
 * manager acknowledges in the UI is recorded by the backend as theirs.
 */
@ExtendWith(BackendExtension.class)
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"pulse.ui.reconnect-delay=1s", "pulse.ui.view.push-interval=0s"})
class PushFramesIntegrationTests {

  static final String BRAND = "PFB";
  static final String REGION = "PFR";

  /** Not the demo manager's: watched by the admin. */
  static final String OTHER = "PFD1";

  static final String OTHER_NAME = "Pushframe Secret Motors";
  static final String OTHER_CITY = "Tobolskgrad";

  /** The demo manager's own dealer (the backend's demo users: manager runs D00001, D00002). */
  static final String OWN = "D00001";

  /** Records what the page receives; runs before any script of the page. */
  static final String RECORDER =
      """
      (() => {
        const seen = [];
        window.__pulseReceived = seen;
        const Native = window.WebSocket;
        function Recording(...args) {
          const ws = new Native(...args);
          ws.addEventListener('message', e => seen.push(typeof e.data === 'string' ? e.data : '[binary]'));
          return ws;
        }
        Recording.prototype = Native.prototype;
        for (const k of ['CONNECTING', 'OPEN', 'CLOSING', 'CLOSED']) Recording[k] = Native[k];
        window.WebSocket = Recording;
        const send = XMLHttpRequest.prototype.send;
        XMLHttpRequest.prototype.send = function (...args) {
          this.addEventListener('load', () => {
            try { seen.push(String(this.responseText)); } catch (e) { seen.push('[unreadable]'); }
          });
          return send.apply(this, args);
        };
        const nativeFetch = window.fetch;
        window.fetch = (...args) => nativeFetch(...args).then(r => {
          r.clone().text().then(t => seen.push(t), () => {});
          return r;
        });
      })();
      """;

  static ChromeDriver manager;
  static ChromeDriver admin;
  static BackendApi api;

  @LocalServerPort int port;

  @DynamicPropertySource
  static void backend(DynamicPropertyRegistry registry) {
    registry.add("pulse.ui.backend-url", BackendExtension::backendUrl);
  }

  @BeforeAll
  static void network() throws Exception {
    api = new BackendApi(BackendExtension.backendUrl());
    api.brand(BRAND, "Pushframe Brand");
    api.region(REGION, "Pushframe Region");
    api.dealer(OTHER, OTHER_NAME, BRAND, REGION, OTHER_CITY);
    api.dealer(OWN, "Pushframe Own Dealer", BRAND, REGION, "Kazan");
    List<String> events = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      events.add(
          BackendApi.event(
              OTHER,
              "HANDOVER",
              Instant.now().minusSeconds(600 + 60L * i),
              scores(4, 3, 9),
              "Old remark number " + i + " about the secret dealer"));
    }
    events.add(
        BackendApi.event(OWN, "HANDOVER", Instant.now().minusSeconds(300), scores(2, 2, 3), null));
    api.feedback(events);
    manager = HeadlessChromium.start(1440, 1400, "en-GB");
    admin = HeadlessChromium.start(1440, 1400, "en-GB");
    for (ChromeDriver b : List.of(manager, admin)) {
      b.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", RECORDER));
    }
  }

  @AfterAll
  static void closeBrowsers() {
    for (ChromeDriver b : new ChromeDriver[] {manager, admin}) {
      if (b != null) {
        b.quit();
      }
    }
  }

  String ui(String path) {
    return "http://127.0.0.1:" + port + "/" + path;
  }

  static WebDriverWait waiting(ChromeDriver b, Duration timeout) {
    WebDriverWait wait = new WebDriverWait(b, timeout, Duration.ofMillis(50));
    wait.ignoring(StaleElementReferenceException.class);
    return wait;
  }

  static String text(ChromeDriver b, String css) {
    List<WebElement> found = b.findElements(By.cssSelector(css));
    return found.isEmpty() ? "" : found.get(0).getText();
  }

  /** Signs {@code user} in on {@code b}, unless they already are. */
  void signIn(ChromeDriver b, String user, String password) {
    b.get(ui("?lang=en"));
    waiting(b, Duration.ofSeconds(30))
        .until(d ->
            !d.findElements(By.cssSelector("#login-form")).isEmpty()
                || text(b, "#signed-in-user").equals(user));
    if (text(b, "#signed-in-user").equals(user)) {
      return;
    }
    WebElement name =
        waiting(b, Duration.ofSeconds(30))
            .until(
                ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("#login-form vaadin-text-field input")));
    name.sendKeys(user);
    b.findElement(By.cssSelector("#login-form vaadin-password-field input"))
        .sendKeys(password, Keys.ENTER);
    waiting(b, Duration.ofSeconds(20)).until(d -> text(b, "#signed-in-user").equals(user));
  }

  /** Everything the current page of {@code b} has received so far, as one text. */
  static String received(ChromeDriver b) {
    Object all =
        ((JavascriptExecutor) b)
            .executeScript("return (window.__pulseReceived || []).join('\\n---\\n');");
    return String.valueOf(all);
  }

  @Test
  void aManagerOpeningAnotherDealersCabinetReceivesNoneOfItsDataWhileSomeoneElseWatchesIt()
      throws Exception {
    signIn(admin, "admin", "admin");
    signIn(manager, "manager", "demo");

    admin.get(ui("dealers/" + OTHER + "?window=24h&lang=en"));
    waiting(admin, Duration.ofSeconds(30))
        .until(d ->
            "40".equals(text(admin, "#responses-value"))
                && text(admin, "#connection-state").contains("Live"));
    String figure = text(admin, "#csi-value");

    manager.get(ui("dealers/" + OTHER + "?window=24h&lang=en"));
    waiting(manager, Duration.ofSeconds(20))
        .until(d -> !d.findElements(By.id("not-found")).isEmpty());
    // The manager's page stays open while new feedback with comments reaches the dealer, live
    // for the admin: had anything been subscribed for the manager, it would be pushed now.
    for (int i = 0; i < 3; i++) {
      String comment = "Live remark " + i + " for the secret dealer";
      api.feedback(
          List.of(
              BackendApi.event(OTHER, "SERVICE_VISIT", Instant.now(), scores(3, 2, 4), comment)));
      waiting(admin, Duration.ofSeconds(10)).until(d -> received(admin).contains(comment));
    }
    waiting(admin, Duration.ofSeconds(10)).until(d -> "43".equals(text(admin, "#responses-value")));

    // The recording works: the admin's page received the dealer's data.
    String adminGot = received(admin);
    assertThat(adminGot).contains(OTHER_NAME, OTHER_CITY, "Live remark 2", "Old remark number 7");
    // The manager's page received none of it.
    String managerGot = received(manager);
    assertThat(managerGot).isNotBlank();
    assertThat(managerGot)
        .doesNotContain(OTHER_NAME)
        .doesNotContain(OTHER_CITY)
        .doesNotContain("Live remark")
        .doesNotContain("Old remark")
        .doesNotContain("secret dealer");
    if (figure.matches(".*\\d\\.\\d.*")) {
      assertThat(managerGot).doesNotContain("\"" + figure + "\"");
    }
    assertThat(manager.findElements(By.id("responses-value"))).isEmpty();
  }

  @Test
  void anAlertAcknowledgedInTheUiIsRecordedAsThePersonWhoDidIt() throws Exception {
    signIn(manager, "manager", "demo");
    manager.get(ui("dealers/" + OWN + "?window=24h&lang=en"));
    WebElement ack =
        waiting(manager, Duration.ofSeconds(20))
            .until(
                ExpectedConditions.elementToBeClickable(
                    By.cssSelector(".pulse-alert[data-status='OPEN'] vaadin-button.acknowledge")));
    String id = ack.findElement(By.xpath("ancestor::div[@data-status][1]")).getAttribute("id");
    ack.click();
    waiting(manager, Duration.ofSeconds(10))
        .until(d -> "ACKNOWLEDGED".equals(d.findElement(By.id(id)).getAttribute("data-status")));
    assertThat(api.get("/dealers/" + OWN + "/alerts?status=all"))
        .contains("\"acknowledgedBy\":\"manager\"");
    assertThat(api.get("/admin/audit?limit=200"))
        .containsPattern("\"actor\":\"manager\",\"action\":\"ALERT_ACKNOWLEDGED\"");
  }
}
