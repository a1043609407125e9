package io.pulse.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.pulse.support.Events;
import io.pulse.support.HeadlessChromium;
import io.pulse.support.IntegrationTest;
import io.pulse.support.MutableClock;
import io.pulse.support.TestNetwork;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** A real browser's EventSource receives the snapshot and then an update. */
@IntegrationTest
class BrowserEventSourceIntegrationTests {

  @Autowired WebTestClient client;
  @Autowired MutableClock clock;
  @Autowired MeterRegistry meters;
  @LocalServerPort int port;

  @Test
  void aBrowserEventSourceReceivesAnUpdate() {
    // CI installs Debian's chromium (.ci/run); a developer machine without it skips this test.
    assumeTrue(HeadlessChromium.installed(), "chromium and chromedriver are not installed");
    Instant now = Instant.parse("2026-11-23T10:00:30Z");
    clock.set(now);
    TestNetwork network = new TestNetwork(1, 1, 1).load(client);
    String dealer = network.dealer(0);
    ChromeDriver browser = HeadlessChromium.start();
    try {
      // Credentials in the URL of the top-level page: Chromium then sends them (Basic) with the
      // page's same-origin EventSource too.
      browser.get("http://admin:admin@127.0.0.1:" + port + "/api/v1/windows");
      JavascriptExecutor js = browser;
      js.executeScript(
          """
          window.received = [];
          window.errors = 0;
          const source = new EventSource('/api/v1/stream/dealers/' + arguments[0] + '?window=1h');
          window.source = source;
          source.onerror = () => window.errors++;
          for (const type of ['snapshot', 'update']) {
            source.addEventListener(type, e => window.received.push({type, id: e.lastEventId, data: JSON.parse(e.data)}));
          }
          """,
          dealer);
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
      wait.withMessage(() ->
              "EventSource state "
                  + js.executeScript(
                      "return window.source.readyState + ' errors ' + window.errors + ' received ' + JSON.stringify(window.received)"))
          .until(d -> ((Number) js.executeScript("return window.received.length")).intValue() >= 1);

      client
          .post()
          .uri("/api/v1/feedback/batch")
          .contentType(MediaType.APPLICATION_JSON)
          .bodyValue(
              Events.array(
                  List.of(
                      Events.event(
                          UUID.randomUUID(), dealer, now, Map.of("RECOMMEND", 10, "CAR", 5)))))
          .exchange()
          .expectStatus()
          .isOk();

      wait.withMessage(() ->
              "relay published "
                  + meters.counter("pulse.stream.relay.messages").count()
                  + " received "
                  + meters.counter("pulse.stream.relay.received").count())
          .until(d -> ((Number) js.executeScript("return window.received.length")).intValue() >= 2);
      assertThat(js.executeScript("return window.received[0].type")).isEqualTo("snapshot");
      assertThat(js.executeScript("return window.received[1].type")).isEqualTo("update");
      assertThat(
              ((Number) js.executeScript("return window.received[1].data.index.responses"))
                  .longValue())
          .isEqualTo(1);
      assertThat(
              ((Number) js.executeScript("return window.received[1].data.index.nps.score"))
                  .doubleValue())
          .isEqualTo(100.0);
    } finally {
      browser.quit();
    }
  }
}
