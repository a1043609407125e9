package io.pulse.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulse.api.CommentHit;
import io.pulse.api.CommentPage;
import io.pulse.support.Caller;
import io.pulse.support.IntegrationTest;
import io.pulse.support.MutableClock;
import io.pulse.support.SseClient;
import io.pulse.support.TestNetwork;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Comment search against the real PostgreSQL: what the Russian and English stemming really matches,
 * every filter, paging, highlighting, masking, and the scope of each role.
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
      "pulse.security.users[1].brand=SRCHB1",
      "pulse.security.users[2].username=mgr1",
      "pulse.security.users[2].password={noop}pw",
      "pulse.security.users[2].role=DEALER_MANAGER",
      "pulse.security.users[2].dealers=SRCHD1",
      "pulse.security.ingest-keys[0].name=test",
      "pulse.security.ingest-keys[0].key=search-ingest-key",
      // Small, so that the tests cross chunk boundaries and reach the row limit.
      "pulse.export.max-rows=5",
      "pulse.export.chunk-rows=2"
    })
class SearchIntegrationTests {

  static final Instant NOW = Instant.parse("2026-11-23T10:00:30Z");

  @Autowired WebTestClient client;
  @Autowired MutableClock clock;
  @LocalServerPort int port;

  final UUID waitedRu = UUID.randomUUID();
  final UUID waitedEn = UUID.randomUUID();
  final UUID praise = UUID.randomUUID();
  final UUID otherBrand = UUID.randomUUID();
  final UUID silent = UUID.randomUUID();
  final UUID formula = UUID.randomUUID();

  @BeforeAll
  void network() {
    clock.set(NOW);
    TestNetwork.load(
        client,
        """
        {"brands":[{"id":"SRCHB1","name":"Brand one"},{"id":"SRCHB2","name":"Brand two"}],
         "regions":[{"id":"SRCHR1","name":"North"},{"id":"SRCHR2","name":"South"}],
         "dealers":[
           {"id":"SRCHD1","name":"Mine","brandId":"SRCHB1","regionId":"SRCHR1","timeZone":"Europe/Moscow"},
           {"id":"SRCHD2","name":"Same brand","brandId":"SRCHB1","regionId":"SRCHR2","timeZone":"Europe/Moscow"},
           {"id":"SRCHD3","name":"Other brand","brandId":"SRCHB2","regionId":"SRCHR1","timeZone":"Europe/Moscow"}]}
        """);
    List<String> events = new ArrayList<>();
    events.add(
        event(
            waitedRu,
            "SRCHD1",
            "SERVICE_VISIT",
            50,
            "{\"RECOMMEND\":3,\"SPEED\":2}",
            "Долго ждали менеджера, ожидание больше часа. Перезвоните: +7 (912) 345-67-89",
            "SMS"));
    events.add(
        event(
            waitedEn,
            "SRCHD1",
            "TEST_DRIVE",
            40,
            "{\"RECOMMEND\":5,\"SPEED\":4}",
            "Waiting two hours for the manager; write to ivan.petrov@mail.ru",
            "EMAIL"));
    events.add(
        event(
            praise,
            "SRCHD2",
            "CONSULTATION",
            30,
            "{\"RECOMMEND\":10,\"CONSULTATION\":5}",
            "Всё отлично, консультант ответил на все вопросы",
            "WEB"));
    events.add(
        event(
            otherBrand,
            "SRCHD3",
            "TEST_DRIVE",
            20,
            "{\"RECOMMEND\":8}",
            "Ждал машину неделю <script>alert(1)</script> & \\\"кавычки\\\"",
            null));
    events.add(event(silent, "SRCHD1", "HANDOVER", 10, "{\"RECOMMEND\":9}", null, null));
    // Two more without a comment: the dealer's export then runs past its five rows.
    events.add(event(UUID.randomUUID(), "SRCHD1", "CONTRACT", 60, "{\"CAR\":5}", null, null));
    events.add(event(UUID.randomUUID(), "SRCHD1", "CONTRACT", 70, "{\"CAR\":4}", null, null));
    events.add(
        event(
            formula,
            "SRCHD1",
            "HANDOVER",
            5,
            "{\"RECOMMEND\":9}",
            "=HYPERLINK(\\\"http://evil\\\"), ждал",
            "APP"));
    client
        .post()
        .uri("/api/v1/feedback/batch")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue("[" + String.join(",", events) + "]")
        .exchange()
        .expectStatus()
        .isOk();
  }

  static String event(
      UUID id,
      String dealer,
      String stage,
      int minutesAgo,
      String scores,
      @Nullable String comment,
      @Nullable String channel) {
    return "{\"eventId\":\"%s\",\"dealerId\":\"%s\",\"stage\":\"%s\",\"occurredAt\":\"%s\",\"scores\":%s%s%s}"
        .formatted(
            id,
            dealer,
            stage,
            NOW.minus(Duration.ofMinutes(minutesAgo)).atOffset(ZoneOffset.ofHours(3)),
            scores,
            comment == null ? "" : ",\"comment\":\"" + comment + "\"",
            channel == null ? "" : ",\"channel\":\"" + channel + "\"");
  }

  private WebTestClient as(Caller caller) {
    return caller.on(client, "search-ingest-key");
  }

  private CommentPage search(Caller caller, String query) {
    return as(caller)
        .get()
        .uri("/api/v1/feedback/search?" + query)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(CommentPage.class)
        .returnResult()
        .getResponseBody();
  }

  private List<UUID> ids(Caller caller, String query) {
    return search(caller, query).items().stream().map(CommentHit::eventId).toList();
  }

  @Test
  void russianAndEnglishWordsMatchTheirStemsAndNothingElse() {
    // "ждал" and "ждали" share the stem ждал; the message with <script> has "Ждал".
    assertThat(ids(Caller.ADMIN, "q=ждал&brandId=SRCHB1")).containsExactly(formula, waitedRu);
    assertThat(ids(Caller.ADMIN, "q=ждали&regionId=SRCHR1"))
        .containsExactlyInAnyOrder(formula, waitedRu, otherBrand);
    // "ожидания" and "ожидание" share a stem; "ждал" and "ожидание" are different words.
    assertThat(ids(Caller.ADMIN, "q=ожидания&dealerId=SRCHD1")).containsExactly(waitedRu);
    assertThat(ids(Caller.ADMIN, "q=ожидание&dealerId=SRCHD3")).isEmpty();
    // Latin words get the English stemmer: waited, waits, waiting.
    assertThat(ids(Caller.ADMIN, "q=waited&brandId=SRCHB1")).containsExactly(waitedEn);
    assertThat(ids(Caller.ADMIN, "q=Managers&brandId=SRCHB1")).containsExactly(waitedEn);
    // Web search syntax: a phrase, or, not.
    assertThat(ids(Caller.ADMIN, "q=\"two hours\"&brandId=SRCHB1")).containsExactly(waitedEn);
    assertThat(ids(Caller.ADMIN, "q=ответил or waiting&brandId=SRCHB1"))
        .containsExactly(praise, waitedEn);
    assertThat(ids(Caller.ADMIN, "q=ждал -менеджер&brandId=SRCHB1")).containsExactly(formula);
    // Only stop words: nothing to look for, nothing found.
    assertThat(ids(Caller.ADMIN, "q=the&brandId=SRCHB1")).isEmpty();
  }

  @Test
  void filtersApplyTogether() {
    // Without q: commented events only, newest first.
    assertThat(ids(Caller.ADMIN, "dealerId=SRCHD1")).containsExactly(formula, waitedEn, waitedRu);
    assertThat(ids(Caller.ADMIN, "brandId=SRCHB1&nps=detractor"))
        .containsExactly(waitedEn, waitedRu);
    assertThat(ids(Caller.ADMIN, "brandId=SRCHB1&nps=promoter")).containsExactly(formula, praise);
    assertThat(ids(Caller.ADMIN, "regionId=SRCHR1&nps=passive")).containsExactly(otherBrand);
    assertThat(ids(Caller.ADMIN, "brandId=SRCHB1&parameter=SPEED&maxScore=2"))
        .containsExactly(waitedRu);
    assertThat(ids(Caller.ADMIN, "brandId=SRCHB1&parameter=SPEED&minScore=3"))
        .containsExactly(waitedEn);
    assertThat(ids(Caller.ADMIN, "brandId=SRCHB1&channel=WEB")).containsExactly(praise);
    assertThat(ids(Caller.ADMIN, "brandId=SRCHB1&stage=SERVICE_VISIT")).containsExactly(waitedRu);
    assertThat(ids(Caller.ADMIN, "regionId=SRCHR2")).containsExactly(praise);
    assertThat(
            ids(Caller.ADMIN, "brandId=SRCHB1&from=2026-11-23T09:15:00Z&to=2026-11-23T09:35:00Z"))
        .containsExactly(praise, waitedEn);
  }

  @Test
  void pagesAreBoundedAndSayWhetherMoreFollow() {
    CommentPage first = search(Caller.ADMIN, "brandId=SRCHB1&size=3");
    assertThat(first.items()).hasSize(3);
    assertThat(first.hasMore()).isTrue();
    CommentPage second = search(Caller.ADMIN, "brandId=SRCHB1&size=3&page=1");
    assertThat(second.items()).extracting(CommentHit::eventId).containsExactly(waitedRu);
    assertThat(second.hasMore()).isFalse();
    badRequest("size=101", "size");
    badRequest("page=100", "page");
  }

  @Test
  void relevancePutsTheBestMatchFirst() {
    assertThat(ids(Caller.ADMIN, "q=ждал or ожидание or менеджер&brandId=SRCHB1&sort=relevance"))
        .first()
        .isEqualTo(waitedRu);
  }

  @Test
  void highlightsAreEscapedAndMarkOnlyMatches() {
    CommentHit hit = search(Caller.ADMIN, "q=ждал&dealerId=SRCHD3").items().getFirst();
    assertThat(hit.comment()).contains("<script>alert(1)</script>");
    assertThat(hit.highlight())
        .startsWith("<mark>Ждал</mark> машину неделю")
        .contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;кавычки&quot;")
        .doesNotContain("<script");
    assertThat(search(Caller.ADMIN, "dealerId=SRCHD3").items().getFirst().highlight()).isNull();
  }

  @Test
  void phoneNumbersAndAddressesAreMaskedForAllButAdmins() {
    CommentHit managers = search(Caller.MANAGER, "q=перезвоните").items().getFirst();
    assertThat(managers.comment()).endsWith("Перезвоните: [phone]").doesNotContain("912");
    assertThat(managers.highlight()).endsWith("<mark>Перезвоните</mark>: [phone]");
    assertThat(search(Caller.EXECUTIVE, "q=write").items().getFirst().comment())
        .endsWith("write to [e-mail]");
    // Searching for the number itself finds the comment, but shows no digit of it.
    CommentHit byNumber = search(Caller.MANAGER, "q=912").items().getFirst();
    assertThat(byNumber.highlight()).doesNotContain("912").contains("[phone]");
    assertThat(search(Caller.ADMIN, "q=перезвоните&brandId=SRCHB1").items().getFirst().comment())
        .endsWith("+7 (912) 345-67-89");
  }

  @Test
  void theAlertsListAndTheLiveFeedMaskLikeTheSearch() throws Exception {
    String alertsPath = "/api/v1/dealers/SRCHD1/alerts";
    String managers = body(Caller.MANAGER, alertsPath);
    assertThat(managers)
        .contains("Перезвоните: [phone]", "write to [e-mail]")
        // The number's own digits: "912" alone can turn up inside a random event id.
        .doesNotContain("345-67-89");
    assertThat(body(Caller.ADMIN, alertsPath))
        .contains("+7 (912) 345-67-89", "ivan.petrov@mail.ru");
    String feed = "http://127.0.0.1:" + port + "/api/v1/stream/dealers/SRCHD1/feed";
    try (SseClient stream = SseClient.connect(feed, Caller.MANAGER.headers(""))) {
      String backlog =
          stream.drainEvents(Duration.ofSeconds(1)).stream()
              .map(m -> String.valueOf(m.data()))
              .reduce("", String::concat);
      assertThat(backlog)
          .contains("Перезвоните: [phone]", "write to [e-mail]")
          .doesNotContain("345-67-89", "ivan.petrov");
    }
    try (SseClient stream = SseClient.connect(feed, Caller.ADMIN.headers(""))) {
      assertThat(
              stream.drainEvents(Duration.ofSeconds(1)).stream()
                  .map(m -> String.valueOf(m.data()))
                  .reduce("", String::concat))
          .contains("+7 (912) 345-67-89");
    }
  }

  private String body(Caller caller, String path) {
    return as(caller)
        .get()
        .uri(path)
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody(String.class)
        .returnResult()
        .getResponseBody();
  }

  @Test
  void everyRoleSearchesItsOwnScope() {
    assertThat(search(Caller.MANAGER, "size=100").items())
        .extracting(CommentHit::dealerId)
        .containsOnly("SRCHD1")
        .hasSize(3);
    assertThat(search(Caller.EXECUTIVE, "size=100").items())
        .extracting(CommentHit::brandId)
        .containsOnly("SRCHB1")
        .hasSize(4);
    assertThat(ids(Caller.ADMIN, "q=ждал&brandId=SRCHB2")).containsExactly(otherBrand);
    // Someone else's dealer or brand does not exist for the caller.
    status(Caller.MANAGER, "dealerId=SRCHD2", 404);
    status(Caller.EXECUTIVE, "dealerId=SRCHD3", 404);
    status(Caller.EXECUTIVE, "brandId=SRCHB2", 404);
    status(Caller.ADMIN, "dealerId=NOPE", 404);
    status(Caller.ADMIN, "regionId=NOPE", 404);
    // A manager's brand filter only narrows their own dealers.
    assertThat(ids(Caller.MANAGER, "brandId=SRCHB2")).isEmpty();
    status(Caller.INGEST, "q=ждал", 403);
    status(Caller.ANONYMOUS, "q=ждал", 401);
  }

  @Test
  void badParametersAreNamed() {
    badRequest("stage=LUNCH", "stage");
    badRequest("nps=fan", "nps");
    badRequest("dealerId=no%20spaces", "dealerId");
    badRequest("minScore=1", "parameter");
    badRequest("parameter=SPEED&maxScore=7", "maxScore");
    badRequest("parameter=SPEED&minScore=4&maxScore=2", "maxScore");
    badRequest("from=yesterday", "from");
    badRequest("from=2026-11-23T10:00:00Z&to=2026-11-23T09:00:00Z", "to");
    badRequest("sort=relevance", "sort");
    badRequest("sort=oldest", "sort");
    badRequest("q=" + "a".repeat(201), "q");
    badRequest("minScore=11&parameter=SPEED", "minScore");
    badRequest("minScore=abc&parameter=SPEED", "minScore");
    badRequest("size=0", "size");
  }

  @Test
  void searchResultsExportAsCsvQuotedDefusedAndMasked() {
    var result =
        as(Caller.MANAGER)
            .get()
            .uri("/api/v1/feedback/search/export?q=ждал")
            .exchange()
            .expectStatus()
            .isOk()
            .expectHeader()
            .contentType("text/csv;charset=UTF-8")
            .expectBody(byte[].class)
            .returnResult();
    assertThat(result.getResponseHeaders().getFirst("Content-Disposition"))
        .startsWith("attachment; filename=\"feedback-search-20261123T100030Z.csv\"");
    String csv = new String(result.getResponseBody(), StandardCharsets.UTF_8);
    List<String> lines = List.of(csv.split("\r\n"));
    assertThat(lines.getFirst())
        .isEqualTo(
            "\uFEFFeventId,occurredAt,acceptedAt,dealerId,brandId,regionId,stage,channel,"
                + "CONSULTATION,COMMUNICATION,VISIT,RECOMMEND,SPEED,CAR,RETURN,alerts,comment");
    assertThat(lines).hasSize(3);
    assertThat(lines.get(1))
        .startsWith(formula + ",2026-11-23T09:55:30Z,")
        .contains(",SRCHD1,SRCHB1,SRCHR1,HANDOVER,APP,,,,9,,,,,")
        .endsWith(",\"'=HYPERLINK(\"\"http://evil\"\"), ждал\"");
    assertThat(lines.get(2))
        .startsWith(waitedRu.toString())
        .contains(",3,2,,,DETRACTOR LOW_SCORE:SPEED,")
        .endsWith(",\"Долго ждали менеджера, ожидание больше часа. Перезвоните: [phone]\"");
  }

  @Test
  void aDealersFeedbackExportHoldsEveryEventAndStopsAtTheRowLimit() {
    // Six events, with a comment or not, newest first, read two at a time and cut at five.
    String csv = csv(Caller.MANAGER, "/api/v1/dealers/SRCHD1/feedback/export");
    List<String> lines = List.of(csv.split("\r\n"));
    assertThat(lines).hasSize(7);
    assertThat(lines.get(1)).startsWith(formula.toString());
    assertThat(lines.get(2)).startsWith(silent.toString()).endsWith(",,");
    assertThat(lines.get(4)).startsWith(waitedRu.toString());
    assertThat(lines.get(5)).contains(",CONTRACT,").endsWith(",5,,,");
    assertThat(lines.get(6))
        .startsWith("(truncated: at most 5 rows per export; narrow the filters)");
    as(Caller.MANAGER)
        .get()
        .uri("/api/v1/dealers/SRCHD2/feedback/export")
        .exchange()
        .expectStatus()
        .isNotFound();
    as(Caller.EXECUTIVE)
        .get()
        .uri("/api/v1/dealers/SRCHD3/feedback/export?format=xlsx")
        .exchange()
        .expectStatus()
        .isNotFound();
    as(Caller.INGEST)
        .get()
        .uri("/api/v1/dealers/SRCHD1/feedback/export")
        .exchange()
        .expectStatus()
        .isForbidden();
    as(Caller.ADMIN)
        .get()
        .uri("/api/v1/dealers/SRCHD1/feedback/export?format=pdf")
        .exchange()
        .expectStatus()
        .isBadRequest()
        .expectBody()
        .jsonPath("$.errors[0].field")
        .isEqualTo("format");
  }

  @Test
  void xlsxExportsReadBackWithPoi() throws Exception {
    var result =
        as(Caller.EXECUTIVE)
            .get()
            .uri("/api/v1/feedback/search/export?format=xlsx&nps=detractor")
            .exchange()
            .expectStatus()
            .isOk()
            .expectHeader()
            .contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            .expectBody(byte[].class)
            .returnResult();
    assertThat(result.getResponseHeaders().getFirst("Content-Disposition"))
        .contains("attachment", ".xlsx");
    try (var workbook = new XSSFWorkbook(new ByteArrayInputStream(result.getResponseBody()))) {
      Sheet sheet = workbook.getSheetAt(0);
      assertThat(sheet.getLastRowNum()).isEqualTo(2);
      assertThat(sheet.getRow(0).getCell(16).getStringCellValue()).isEqualTo("comment");
      Row first = sheet.getRow(1);
      assertThat(first.getCell(0).getStringCellValue()).isEqualTo(waitedEn.toString());
      assertThat(first.getCell(11).getNumericCellValue()).isEqualTo(5.0);
      assertThat(first.getCell(16).getStringCellValue())
          .isEqualTo("Waiting two hours for the manager; write to [e-mail]");
      assertThat(sheet.getRow(2).getCell(16).getStringCellValue()).endsWith("Перезвоните: [phone]");
    }
    try (var workbook =
        new XSSFWorkbook(
            new ByteArrayInputStream(
                as(Caller.ADMIN)
                    .get()
                    .uri("/api/v1/dealers/SRCHD1/feedback/export?format=xlsx")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(byte[].class)
                    .returnResult()
                    .getResponseBody()))) {
      Sheet sheet = workbook.getSheetAt(0);
      assertThat(sheet.getLastRowNum()).isEqualTo(6);
      assertThat(sheet.getRow(6).getCell(0).getStringCellValue()).startsWith("(truncated");
      // A string cell, never a formula: no prefix needed, nothing runs.
      assertThat(sheet.getRow(1).getCell(16).getCellType()).isEqualTo(CellType.STRING);
      assertThat(sheet.getRow(1).getCell(16).getStringCellValue()).startsWith("=HYPERLINK(");
      assertThat(sheet.getRow(4).getCell(16).getStringCellValue()).endsWith("+7 (912) 345-67-89");
    }
  }

  private String csv(Caller caller, String path) {
    return new String(
        as(caller)
            .get()
            .uri(path)
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(byte[].class)
            .returnResult()
            .getResponseBody(),
        StandardCharsets.UTF_8);
  }

  private void status(Caller caller, String query, int status) {
    as(caller)
        .get()
        .uri("/api/v1/feedback/search?" + query)
        .exchange()
        .expectStatus()
        .isEqualTo(status);
  }

  /** Refused by the search, and by its export when the export takes that parameter too. */
  private void badRequest(String query, String field) {
    List<String> paths = new ArrayList<>(List.of("/api/v1/feedback/search?"));
    if (!List.of("sort", "size", "page").contains(field)) {
      paths.add("/api/v1/feedback/search/export?");
    }
    for (String path : paths) {
      as(Caller.ADMIN)
          .get()
          .uri(path + query)
          .exchange()
          .expectStatus()
          .isBadRequest()
          .expectBody()
          .jsonPath("$.type")
          .isEqualTo("/problems/invalid-input")
          .jsonPath("$.errors[0].field")
          .isEqualTo(field);
    }
  }
}
