package io.pulse.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulse.support.Caller;
import io.pulse.support.IntegrationTest;
import io.pulse.support.MutableClock;
import io.pulse.support.TestNetwork;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The executive tables as files — a brand's region comparison, a region's ranking and the alerts
 * overview — hold the same rows and numbers as their JSON answers, and the same scopes.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(
    properties = {
      "pulse.security.users[0].username=admin",
      "pulse.security.users[0].password={noop}admin",
      "pulse.security.users[0].role=ADMIN",
      "pulse.security.users[1].username=exec1",
      "pulse.security.users[1].password={noop}pw",
      "pulse.security.users[1].role=BRAND_EXECUTIVE",
      "pulse.security.users[1].brand=REPB1",
      "pulse.security.users[2].username=mgr1",
      "pulse.security.users[2].password={noop}pw",
      "pulse.security.users[2].role=DEALER_MANAGER",
      "pulse.security.users[2].dealers=REPD1",
      "pulse.security.ingest-keys[0].name=test",
      "pulse.security.ingest-keys[0].key=report-ingest-key"
    })
class ReportExportIntegrationTests {

  static final Instant NOW = Instant.parse("2026-11-23T10:00:30Z");

  @Autowired WebTestClient client;
  @Autowired MutableClock clock;

  @BeforeAll
  void network() {
    clock.set(NOW);
    TestNetwork.load(
        client,
        """
        {"brands":[{"id":"REPB1","name":"Brand one"},{"id":"REPB2","name":"Brand two"}],
         "regions":[{"id":"REPR1","name":"North, far"},{"id":"REPR2","name":"South"}],
         "dealers":[
           {"id":"REPD1","name":"=Mine","brandId":"REPB1","regionId":"REPR1","timeZone":"UTC"},
           {"id":"REPD2","name":"Second","brandId":"REPB1","regionId":"REPR1","timeZone":"UTC"},
           {"id":"REPD3","name":"Southern","brandId":"REPB1","regionId":"REPR2","timeZone":"UTC"},
           {"id":"REPD4","name":"Other brand","brandId":"REPB2","regionId":"REPR1","timeZone":"UTC"}]}
        """);
    List<String> events = new ArrayList<>();
    // REPD1: two detractors (two open alerts); REPD2 and REPD3 promoters; REPD4 another brand's.
    events.add(event("REPD1", 10, 2));
    events.add(event("REPD1", 20, 3));
    events.add(event("REPD2", 30, 9));
    events.add(event("REPD2", 40, 10));
    events.add(event("REPD3", 50, 10));
    events.add(event("REPD4", 60, 1));
    client
        .post()
        .uri("/api/v1/feedback/batch")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("[" + String.join(",", events) + "]")
        .exchange()
        .expectStatus()
        .isOk();
  }

  static String event(String dealer, int minutesAgo, int recommend) {
    return ("{\"eventId\":\"%s\",\"dealerId\":\"%s\",\"stage\":\"CONTRACT\",\"occurredAt\":\"%s\","
            + "\"scores\":{\"RECOMMEND\":%d,\"SPEED\":%d}}")
        .formatted(
            UUID.randomUUID(),
            dealer,
            NOW.minus(Duration.ofMinutes(minutesAgo)).atOffset(ZoneOffset.UTC),
            recommend,
            recommend > 5 ? 5 : 2);
  }

  @Test
  void theRegionComparisonFileHoldsTheJsonNumbers() {
    Map<?, ?> json =
        as(Caller.EXECUTIVE)
            .get()
            .uri("/api/v1/brands/REPB1/regions?window=30d")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody();
    List<?> regions = (List<?>) json.get("regions");
    List<List<String>> csv = rows(csv(Caller.EXECUTIVE, "/api/v1/brands/REPB1/regions/export"));

    assertThat(csv.getFirst())
        .containsExactly(
            "regionId",
            "region",
            "dealers",
            "responses",
            "lowSample",
            "csi",
            "csiLow",
            "csiHigh",
            "nps",
            "npsMargin");
    assertThat(csv).hasSize(1 + regions.size());
    for (int i = 0; i < regions.size(); i++) {
      Map<?, ?> r = (Map<?, ?>) regions.get(i);
      List<String> row = csv.get(i + 1);
      assertThat(row.get(0)).isEqualTo(((Map<?, ?>) r.get("region")).get("id"));
      assertThat(row.get(3)).isEqualTo(r.get("responses").toString());
      assertThat(Double.parseDouble(row.get(5))).isEqualTo(((Number) r.get("csi")).doubleValue());
    }
    // The region name with a comma is quoted; the responses add up to the brand's five.
    assertThat(csv.stream().skip(1).mapToInt(r -> Integer.parseInt(r.get(3))).sum()).isEqualTo(5);
  }

  @Test
  void theRankingFileIsInRankingOrderAndDefusesNames() throws Exception {
    String csv = csv(Caller.EXECUTIVE, "/api/v1/regions/REPR1/dealers/export");
    List<List<String>> rows = rows(csv);
    assertThat(rows.getFirst().getFirst()).isEqualTo("rank");
    // Only the executive's brand: REPD2 (promoters) above REPD1 (detractors), not REPD4.
    assertThat(rows.stream().skip(1).map(r -> r.get(1))).containsExactly("REPD2", "REPD1");
    assertThat(rows.get(2).get(2)).isEqualTo("'=Mine");
    assertThat(csv).doesNotContain("REPD4");

    byte[] xlsx =
        as(Caller.ADMIN)
            .get()
            .uri("/api/v1/regions/REPR1/dealers/export?format=xlsx&sort=csi")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(byte[].class)
            .returnResult()
            .getResponseBody();
    try (var workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
      Sheet sheet = workbook.getSheetAt(0);
      assertThat(sheet.getLastRowNum()).isEqualTo(3);
      assertThat(sheet.getRow(1).getCell(5).getCellType()).isEqualTo(CellType.NUMERIC);
      // Across brands by raw CSI: REPD2, REPD1, REPD4; text cells are text, never defused.
      assertThat(sheet.getRow(2).getCell(2).getStringCellValue()).isEqualTo("=Mine");
      assertThat(sheet.getRow(3).getCell(2).getStringCellValue()).isEqualTo("Other brand");
    }
  }

  @Test
  void theAlertsOverviewFileCountsPerDealer() {
    List<List<String>> rows = rows(csv(Caller.EXECUTIVE, "/api/v1/brands/REPB1/alerts/export"));
    assertThat(rows.getFirst())
        .containsExactly(
            "dealerId",
            "dealer",
            "regionId",
            "region",
            "open",
            "acknowledged",
            "overdue",
            "warnings");
    assertThat(rows).hasSize(2);
    assertThat(rows.get(1))
        .containsExactly("REPD1", "'=Mine", "REPR1", "North, far", "2", "0", "0", "0");
  }

  @Test
  void eachFileHasTheScopeOfItsJsonAnswer() {
    // Export path → the JSON read it is a file of; every caller gets the same status from both.
    Map<String, String> files =
        Map.of(
            "/api/v1/brands/REPB1/regions/export", "/api/v1/brands/REPB1/regions",
            "/api/v1/brands/REPB2/regions/export", "/api/v1/brands/REPB2/regions",
            "/api/v1/regions/REPR1/dealers/export", "/api/v1/regions/REPR1/dealers",
            "/api/v1/regions/REPR1/dealers/export?brandId=REPB2",
                "/api/v1/regions/REPR1/dealers?brandId=REPB2",
            "/api/v1/brands/REPB1/alerts/export", "/api/v1/brands/REPB1/alerts",
            "/api/v1/brands/REPB2/alerts/export", "/api/v1/brands/REPB2/alerts",
            "/api/v1/brands/NOPE/alerts/export", "/api/v1/brands/NOPE/alerts");
    List<String> failures = new ArrayList<>();
    files.forEach((file, json) -> {
      for (Caller caller : Caller.values()) {
        int got = status(caller, file);
        int want = status(caller, json);
        if (got != want) {
          failures.add("%s %s: %d, but its JSON answers %d".formatted(caller, file, got, want));
        }
      }
    });
    assertThat(failures).isEmpty();
    // And the scopes themselves: own brand yes, another brand no (like an unknown id), managers no.
    assertThat(status(Caller.EXECUTIVE, "/api/v1/brands/REPB1/alerts/export")).isEqualTo(200);
    assertThat(status(Caller.EXECUTIVE, "/api/v1/brands/REPB2/alerts/export")).isEqualTo(404);
    assertThat(status(Caller.MANAGER, "/api/v1/brands/REPB1/regions/export")).isEqualTo(404);
    assertThat(status(Caller.MANAGER, "/api/v1/regions/REPR1/dealers/export")).isEqualTo(403);
    assertThat(status(Caller.ANONYMOUS, "/api/v1/regions/REPR1/dealers/export")).isEqualTo(401);
    assertThat(status(Caller.ADMIN, "/api/v1/brands/REPB2/regions/export")).isEqualTo(200);
    as(Caller.ADMIN)
        .get()
        .uri("/api/v1/brands/REPB1/alerts/export?format=pdf")
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("format");
  }

  private int status(Caller caller, String path) {
    return as(caller).get().uri(path).exchange().returnResult(byte[].class).getStatus().value();
  }

  private String csv(Caller caller, String path) {
    byte[] body =
        as(caller)
            .get()
            .uri(path)
            .exchange()
            .expectStatus()
            .isOk()
            .expectHeader()
            .contentType("text/csv;charset=UTF-8")
            .expectBody(byte[].class)
            .returnResult()
            .getResponseBody();
    return new String(body, StandardCharsets.UTF_8).substring(1);
  }

  /** CSV records split into cells; enough for these files (no quotes or line breaks in cells). */
  private static List<List<String>> rows(String csv) {
    List<List<String>> rows = new ArrayList<>();
    for (String line : csv.split("\r\n")) {
      List<String> cells = new ArrayList<>();
      StringBuilder cell = new StringBuilder();
      boolean quoted = false;
      for (char c : line.toCharArray()) {
        if (c == '"') {
          quoted = !quoted;
        } else if (c == ',' && !quoted) {
          cells.add(cell.toString());
          cell.setLength(0);
        } else {
          cell.append(c);
        }
      }
      cells.add(cell.toString());
      rows.add(cells);
    }
    return rows;
  }

  private WebTestClient as(Caller caller) {
    return caller.on(client, "report-ingest-key");
  }
}
