package io.pulse.ui.dealer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import io.pulse.api.Alert;
import io.pulse.api.AlertCase;
import io.pulse.api.Analytics;
import io.pulse.api.BenchmarkKind;
import io.pulse.api.CaseKpis;
import io.pulse.api.Celebration;
import io.pulse.api.Dealer;
import io.pulse.api.JourneyStage;
import io.pulse.api.Scope;
import io.pulse.api.ScopeRef;
import io.pulse.ui.backend.BackendClient;
import io.pulse.ui.backend.Connection;
import io.pulse.ui.backend.FeedSignal;
import io.pulse.ui.backend.LiveHub;
import io.pulse.ui.backend.LiveIndex;
import io.pulse.ui.base.CurrentUser;
import io.pulse.ui.base.Flash;
import io.pulse.ui.base.Languages;
import io.pulse.ui.support.Fixtures;
import io.pulse.ui.support.UiAccess;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/** The cabinet's view logic with the backend replaced by streams the test drives. */
@SpringBootTest(properties = "pulse.ui.view.push-interval=0s")
@WithMockUser
class DealerCabinetViewTests extends SpringBrowserlessTest {

  @MockitoBean LiveHub hub;
  @MockitoBean BackendClient backend;
  @MockitoBean CurrentUser user;

  final Sinks.Many<LiveIndex> index = Sinks.many().replay().latest();
  final Sinks.Many<Object> analysis = Sinks.many().replay().latest();
  final Sinks.Many<Object> fixFirst = Sinks.many().replay().latest();
  final Sinks.Many<FeedSignal> feed = Sinks.many().replay().all();

  @BeforeEach
  @SuppressWarnings("unchecked")
  void backendStreams() {
    when(user.mayOpenDealer(anyString(), anyString())).thenReturn(true);
    when(user.mayOpenBrand(anyString())).thenReturn(true);
    when(user.mayOpenAnyBrand()).thenReturn(true);
    when(user.mayHandleDealer(anyString())).thenReturn(true);
    when(hub.index(any(), any(), anyString())).thenReturn(index.asFlux());
    when(hub.every(any(), any(), any(), any()))
        .thenAnswer(i ->
            ((List<?>) i.getArgument(1)).getFirst().equals("dealer-fix-first")
                ? fixFirst.asFlux()
                : analysis.asFlux());
    when(hub.feed(any(), anyString())).thenReturn(feed.asFlux());
    when(backend.dealer(any(), eq("D1")))
        .thenReturn(
            Mono.just(new Dealer("D1", "Volta Center", "VOLTA", "R16", "Kazan", "Europe/Moscow")));
    when(backend.brands(any())).thenReturn(Mono.just(List.of()));
    when(backend.dealerAlerts(any(), anyString(), anyBoolean())).thenReturn(Mono.just(List.of()));
    when(backend.caseKpis(any(), any(), anyInt()))
        .thenReturn(
            Mono.just(
                new CaseKpis("dealer:D1", 30, 3, 3, 1.0 / 3, 1.0, 16.0, 10.0, 1, 1, 1.0, 4, 1)));
    when(backend.rootCauses(any())).thenReturn(Mono.just(CONFIGURED_CAUSES));
    when(backend.contacted(any(), anyString())).thenReturn(Mono.never());
    when(backend.thank(any(), anyString())).thenReturn(Mono.never());
    when(backend.celebrations(any(), anyString()))
        .thenReturn(
            Mono.just(
                List.of(
                    new Celebration(
                        PRAISED,
                        "D1",
                        JourneyStage.HANDOVER,
                        Instant.parse("2026-11-23T09:00:00Z"),
                        10,
                        "Thanks Olga, call me +7 912 345-67-89",
                        null,
                        null))));
    when(backend.periods(any(), any()))
        .thenAnswer(
            i -> Mono.just(Fixtures.periods(new ScopeRef("dealer", "D1", null, null, null))));
    when(backend.history(any(), any(), anyString(), any(), any()))
        .thenAnswer(
            i -> Mono.just(Fixtures.series(new ScopeRef("dealer", "D1", null, null, null))));
  }

  void until(BooleanSupplier condition) {
    UiAccess.until(condition);
  }

  String text(String id) {
    return $(Span.class).id(id).getText();
  }

  @Test
  void liveFiguresAppearAndAChangedNumberFlashes() throws Exception {
    navigate("dealers/D1", DealerCabinetView.class);
    index.tryEmitNext(Fixtures.live(Fixtures.figures("D1", 57, 78.42)));
    until(() -> "57".equals(text("responses-value")));
    assertThat(text("csi-value")).isEqualTo("78.4");
    assertThat(text("nps-value")).isEqualTo("+41.2");
    assertThat(text("nps-margin")).contains("+19.6 to +60.6");
    assertThat($(Span.class).id("connection-state").getElement().getAttribute("data-state"))
        .isEqualTo("LIVE");
    assertThat($(Span.class).id("responses-value").getClassNames()).doesNotContain(Flash.CHANGED);

    index.tryEmitNext(Fixtures.live(Fixtures.figures("D1", 58, 78.9)));
    until(() -> "58".equals(text("responses-value")));
    assertThat($(Span.class).id("responses-value").getClassNames()).contains(Flash.CHANGED);
    assertThat($(Span.class).id("csi-value").getClassNames()).contains(Flash.CHANGED);
  }

  @Test
  void weakPointsComeFirstInRedWithIconVerdictAndReason() throws Exception {
    navigate("dealers/D1", DealerCabinetView.class);
    // The verdicts come on the stream; the analysis adds only the slow parts (the trend).
    index.tryEmitNext(Fixtures.liveWithVerdicts(Fixtures.figures("D1", 57, 78.42)));
    analysis.tryEmitNext(Fixtures.analysis("D1"));
    until(() -> $(Div.class).withId("param-SPEED").exists());
    until(() -> !$(Span.class).id("csi-trend").getElement().getTextRecursively().isBlank());
    Div speed = $(Div.class).id("param-SPEED");
    assertThat(speed.getClassNames()).contains("weak");
    // Its low answers' comments are one click away, in the search pre-filtered.
    assertThat(
            speed
                .getElement()
                .getChildren()
                .filter(e -> "a".equals(e.getTag()))
                .map(e -> e.getAttribute("href")))
        .containsExactly("search?dealerId=D1&parameter=SPEED&maxScore=3");
    assertThat(speed.getElement().getAttribute("data-verdict")).isEqualTo("WEAK_POINT");
    assertThat(speed.getElement().getTextRecursively())
        .contains("Weak point")
        .contains("Speed and organisation 48 vs 71 in the region (−23, 31 answers)");
    assertThat($(Div.class).id("param-CAR").getClassNames()).contains("strength");
    assertThat($(Div.class).id("param-VISIT").getClassNames()).contains("neutral");
    List<String> order =
        $(Div.class).withClassName("pulse-parameter").all().stream()
            .map(d -> d.getId().orElseThrow())
            .toList();
    assertThat(order).containsExactly("param-SPEED", "param-CAR", "param-VISIT");
    assertThat($(Span.class).id("csi-trend").getElement().getTextRecursively())
        .contains("Declining");
    assertThat(text("csi-interval")).contains("74.1–82.7");
  }

  @Test
  void commentsAreTextNotMarkup() throws Exception {
    navigate("dealers/D1", DealerCabinetView.class);
    String nasty = "<img src=x onerror=alert(1)> & <b>bold</b>";
    feed.tryEmitNext(new FeedSignal.Item(Fixtures.feedItem("D1", 7, nasty)));
    until(() -> $(Paragraph.class).withClassName("pulse-comment").exists());
    Paragraph comment = $(Paragraph.class).withClassName("pulse-comment").first();
    assertThat(comment.getText()).isEqualTo(nasty);
    assertThat(comment.getElement().getChildren())
        .allMatch(com.vaadin.flow.dom.Element::isTextNode);
    assertThat($(Div.class).id("feed-7").getElement().getTextRecursively())
        .contains("Detractor")
        .contains("Low score: Speed and organisation");
  }

  @Test
  void anEarlyWarningIsShownInTheFeedAndTheAlertsWithItsExplanationAsText() throws Exception {
    when(backend.dealerAlerts(any(), anyString(), anyBoolean()))
        .thenReturn(Mono.just(List.of(Fixtures.warningAlert("D1"))));
    navigate("dealers/D1", DealerCabinetView.class);
    feed.tryEmitNext(new FeedSignal.Warning(Fixtures.warningAlert("D1")));
    String id = "feed-warning-" + Fixtures.warningAlert("D1").eventId();
    until(() -> $(Div.class).withId(id).exists());
    Div pushed = $(Div.class).id(id);
    assertThat(pushed.getElement().getTextRecursively())
        .contains("Early warning")
        .contains("CSI falling");
    Paragraph why = $(Paragraph.class).withClassName("pulse-warning-text").first();
    assertThat(why.getText())
        .isEqualTo("CSI fell from 84 to 71 over the last 46 answers; <b>Speed</b> moved most");
    assertThat(why.getElement().getChildren()).allMatch(com.vaadin.flow.dom.Element::isTextNode);
    // The alerts panel lists it with the same sentence, and the detractor reason beside it.
    String row = "alert-" + Fixtures.warningAlert("D1").eventId();
    until(() -> $(Div.class).withId(row).exists());
    assertThat($(Div.class).id(row).getElement().getTextRecursively())
        .contains("Detractor")
        .contains("CSI falling")
        .contains("over the last 46 answers");
  }

  @Test
  void theCasesAreMeasuredAndACustomerReachedIsOneClick() throws Exception {
    when(backend.dealerAlerts(any(), anyString(), anyBoolean()))
        .thenReturn(Mono.just(List.of(Fixtures.openAlert("D1"))));
    navigate("dealers/D1", DealerCabinetView.class);
    until(() -> "33 %".equals($(Span.class).id("case-contacted").getText()));
    assertThat($(Span.class).id("case-hours-contact").getText()).isEqualTo("16 h");
    assertThat($(Span.class).id("case-hours-resolve").getText()).isEqualTo("10 h");
    assertThat($(Span.class).id("case-recovered").getText()).isEqualTo("100 %");
    String row = "alert-" + Fixtures.openAlert("D1").eventId();
    until(() -> $(Div.class).withId(row).exists());
    test($(Button.class).withClassName("contact").first()).click();
    verify(backend).contacted(any(), eq(Fixtures.openAlert("D1").eventId().toString()));
    // The praise to pass on, masked, with its button.
    until(() -> $(Div.class).withId("celebration-" + PRAISED).exists());
    assertThat($(Div.class).id("celebration-" + PRAISED).getElement().getTextRecursively())
        .contains("Thanks Olga", "[phone]")
        .doesNotContain("345-67-89");
    test($(Button.class).withClassName("thank").first()).click();
    verify(backend).thank(any(), eq(PRAISED.toString()));
  }

  /** What this backend is configured with: one of the defaults, one of its own. */
  private static final List<String> CONFIGURED_CAUSES = List.of("PRICE", "DELIVERY_DELAY");

  @Test
  void aResolutionOffersTheRootCausesTheBackendIsConfiguredWith() throws Exception {
    when(backend.dealerAlerts(any(), anyString(), anyBoolean()))
        .thenReturn(Mono.just(List.of(Fixtures.openAlert("D1"))));
    navigate("dealers/D1", DealerCabinetView.class);
    until(() -> $(AlertsPanel.class).single().rootCauses().equals(CONFIGURED_CAUSES));
    until(() -> $(Button.class).withClassName("resolve").exists());
    test($(Button.class).withClassName("resolve").first()).click();
    until(() -> $(Select.class).withId("resolve-cause").exists());
    @SuppressWarnings("unchecked")
    Select<String> cause = $(Select.class).id("resolve-cause");
    assertThat(cause.getListDataView().getItems().toList()).isEqualTo(CONFIGURED_CAUSES);
    // A cause without a translation reads as its code in words, a known one as translated.
    assertThat(cause.getItemLabelGenerator().apply("DELIVERY_DELAY")).isEqualTo("Delivery delay");
    assertThat(cause.getItemLabelGenerator().apply("PRICE"))
        .isEqualTo(cause.getTranslation("root-cause.PRICE"));
  }

  @Test
  void aCaseShowsWhoDidWhatAndWhetherTheCustomerCameBackHappier() throws Exception {
    Alert open = Fixtures.openAlert("D1");
    when(backend.dealerAlerts(any(), anyString(), anyBoolean()))
        .thenReturn(Mono.just(List.of(open)));
    when(backend.alertCase(any(), eq(open.eventId().toString())))
        .thenReturn(
            Mono.just(
                new AlertCase(
                    open,
                    "anna",
                    Instant.parse("2026-11-23T10:30:00Z"),
                    null,
                    null,
                    List.of(
                        new AlertCase.Step(
                            Instant.parse("2026-11-23T10:30:00Z"),
                            "anna",
                            "CONTACTED",
                            "Called, <b>he</b> will come")),
                    List.of(
                        new AlertCase.LaterAnswer(
                            java.util.UUID.randomUUID(),
                            "SERVICE_VISIT",
                            Instant.parse("2026-11-30T10:00:00Z"),
                            10,
                            95.0,
                            27.5,
                            true)))));
    navigate("dealers/D1", DealerCabinetView.class);
    until(() -> $(Button.class).withClassName("case").exists());
    test($(Button.class).withClassName("case").first()).click();
    until(() -> $(Div.class).withId("case-history").exists());
    assertThat($(Paragraph.class).id("case-assignee").getText()).isEqualTo("Handled by anna");
    assertThat($(Div.class).id("case-history").getElement().getTextRecursively())
        .contains("anna · reached the customer — Called, <b>he</b> will come");
    assertThat($(Div.class).id("case-later").getElement().getTextRecursively())
        .contains("score 27.5 then, 95.0 now", "came back happier");
  }

  @Test
  void russianSessionsReadTheWarningInRussian() throws Exception {
    UI.getCurrent().setLocale(Languages.RUSSIAN);
    navigate("dealers/D1", DealerCabinetView.class);
    feed.tryEmitNext(new FeedSignal.Warning(Fixtures.warningAlert("D1")));
    until(() -> $(Paragraph.class).withClassName("pulse-warning-text").exists());
    assertThat($(Paragraph.class).withClassName("pulse-warning-text").first().getText())
        .startsWith("CSI упал с 84 до 71 за последние 46 ответов");
  }

  static final java.util.UUID PRAISED =
      java.util.UUID.fromString("5b0c2a1e-6d7f-4a3b-9c8d-0e1f2a3b4c5d");

  static final String PERSONAL = "Перезвоните +7 (912) 345-67-89 или ivan@mail.ru";

  @Test
  void phoneNumbersAndAddressesInCommentsAreMaskedForAllButAdmins() throws Exception {
    navigate("dealers/D1", DealerCabinetView.class);
    feed.tryEmitNext(new FeedSignal.Item(Fixtures.feedItem("D1", 8, PERSONAL)));
    until(() -> $(Paragraph.class).withClassName("pulse-comment").exists());
    assertThat($(Paragraph.class).withClassName("pulse-comment").first().getText())
        .isEqualTo("Перезвоните [phone] или [e-mail]");
  }

  @Test
  void anAdminSeesCommentsAsSent() throws Exception {
    when(user.seesPersonalData()).thenReturn(true);
    navigate("dealers/D1", DealerCabinetView.class);
    feed.tryEmitNext(new FeedSignal.Item(Fixtures.feedItem("D1", 8, PERSONAL)));
    until(() -> $(Paragraph.class).withClassName("pulse-comment").exists());
    assertThat($(Paragraph.class).withClassName("pulse-comment").first().getText())
        .isEqualTo(PERSONAL);
  }

  @Test
  void aLostBackendIsSaidInWordsWithTheTimeOfTheLastFigures() throws Exception {
    navigate("dealers/D1", DealerCabinetView.class);
    Instant last = Instant.parse("2026-11-23T10:00:05Z");
    Connection stale = Connection.connecting(last).live(last).down(last).down(last.plusSeconds(3));
    index.tryEmitNext(new LiveIndex(Fixtures.figures("D1", 57, 78.42), stale));
    until(() ->
        $(Span.class)
            .id("connection-state")
            .getElement()
            .getTextRecursively()
            .contains("unreachable"));
    // In the dealer's own zone (Moscow, UTC+3).
    assertThat($(Span.class).id("connection-state").getElement().getTextRecursively())
        .contains("13:00:05");
    // Figures stay on screen meanwhile.
    assertThat(text("responses-value")).isEqualTo("57");
  }

  @Test
  void russianSessionsGetRussianWordsAndNumbers() throws Exception {
    UI.getCurrent().setLocale(Languages.RUSSIAN);
    navigate("dealers/D1", DealerCabinetView.class);
    index.tryEmitNext(Fixtures.live(Fixtures.figures("D1", 1234, 78.42)));
    until(() -> !text("csi-value").isEmpty());
    assertThat(text("csi-value")).isEqualTo("78,4");
    assertThat(text("responses-value").replace('\u00a0', ' ').replace('\u202f', ' '))
        .isEqualTo("1 234");
    assertThat($(Span.class).id("connection-state").getElement().getTextRecursively())
        .contains("В эфире");
  }

  @Test
  void aDealerTheSessionMayNotOpenLooksLikeNoDealerAndNoneOfItsDataIsAskedFor() throws Exception {
    when(user.mayOpenDealer(anyString(), anyString())).thenReturn(false);
    // Someone else watches D1: its feed and figures are live in the shared hub.
    feed.tryEmitNext(new FeedSignal.Item(Fixtures.feedItem("D1", 7, "another dealer's customer")));
    index.tryEmitNext(Fixtures.live(Fixtures.figures("D1", 57, 78.42)));
    navigate("dealers/D1", DealerCabinetView.class);
    until(() -> $(Paragraph.class).withId("not-found").exists());
    assertThat($(Span.class).withId("responses-value").exists()).isFalse();
    assertThat($(Paragraph.class).withClassName("pulse-comment").exists()).isFalse();
    verify(hub, never()).index(any(), any(), anyString());
    verify(hub, never()).feed(any(), anyString());
    verify(hub, never()).every(any(), any(), any(), any());
    verify(backend, never()).dealerAlerts(any(), anyString(), anyBoolean());
    verify(backend, never()).periods(any(), any());
  }

  @Test
  void whileTheBackendIsAwayNothingIsSubscribedAndTheCabinetOpensWhenItIsBack() throws Exception {
    AtomicInteger asked = new AtomicInteger();
    when(backend.dealer(any(), eq("D1")))
        .thenReturn(
            Mono.defer(() ->
                asked.incrementAndGet() == 1
                    ? Mono.error(new IllegalStateException("connection refused"))
                    : Mono.just(
                        new Dealer(
                            "D1", "Volta Center", "VOLTA", "R16", "Kazan", "Europe/Moscow"))));
    navigate("dealers/D1", DealerCabinetView.class);
    until(() -> $(Paragraph.class).withId("problem").exists());
    assertThat($(Paragraph.class).id("problem").getText()).isNotBlank();
    verify(hub, never()).feed(any(), anyString());
    index.tryEmitNext(Fixtures.live(Fixtures.figures("D1", 57, 78.42)));
    until(() -> "57".equals(text("responses-value")));
    assertThat(asked).hasValue(2);
    // Queries see visible components only: the problem line is gone.
    assertThat($(Paragraph.class).withId("problem").exists()).isFalse();
  }

  @Test
  void aMalformedIdNeverReachesTheBackend() {
    navigate("dealers/bad%20id", DealerCabinetView.class);
    assertThat($(Paragraph.class).withId("not-found").exists()).isTrue();
  }

  @Test
  void theFirstPanelSaysWhatToFixFirstAndWhereTheDealerRanks() throws Exception {
    navigate("dealers/D1", DealerCabinetView.class);
    String sneaky = "Speed and organisation: from 48 to 71 <script>alert(1)</script>";
    fixFirst.tryEmitNext(
        new Analytics.DealerFixFirst(
            new Analytics.Named("D1", "Volta Center"),
            "24h",
            "en",
            new Analytics.BenchmarkRef(BenchmarkKind.REGION, "R16", "Tatarstan"),
            71.4,
            22.0,
            List.of(
                new Analytics.FixFirstItem(
                    "SPEED",
                    "Speed and organisation",
                    131,
                    48.2,
                    70.9,
                    22.7,
                    0.62,
                    true,
                    4.1,
                    6.3,
                    sneaky),
                new Analytics.FixFirstItem(
                    "CAR",
                    "Rating of the car",
                    90,
                    70.0,
                    72.0,
                    2.0,
                    0.2,
                    false,
                    0.3,
                    0.5,
                    "Rating of the car: from 70 to 72, as in the region, would add about +0.3 CSI"
                        + " and +0.5 NPS")),
            new Analytics.GainModel(true, 0.41, 5210, java.util.Map.of("SPEED", 0.21)),
            new Analytics.StandingRanks(70.8, 14, 60, 230, 1200)));
    until(() -> $(Div.class).withId("fix-SPEED").exists());
    // The first panel of the cabinet, before the headline figures.
    List<com.vaadin.flow.component.Component> children =
        $(DealerCabinetView.class).first().getChildren().toList();
    int panel =
        children.indexOf(
            children.stream().filter(c -> c instanceof FixFirstPanel).findFirst().orElseThrow());
    int headline =
        children.indexOf(
            children.stream().filter(c -> c instanceof HeadlinePanel).findFirst().orElseThrow());
    assertThat(panel).isLessThan(headline);
    Div speed = $(Div.class).id("fix-SPEED");
    assertThat(speed.getElement().getTextRecursively()).contains(sneaky).contains("weak point");
    // Text, not markup.
    assertThat(speed.getElement().getChildren().toList().getFirst().getChildren())
        .allMatch(com.vaadin.flow.dom.Element::isTextNode);
    assertThat($(Div.class).id("fix-CAR").getElement().getTextRecursively())
        .doesNotContain("weak point");
    List<String> order =
        $(Div.class).withClassName("pulse-fix-item").all().stream()
            .map(d -> d.getId().orElseThrow())
            .toList();
    assertThat(order).containsExactly("fix-SPEED", "fix-CAR");
    assertThat($(Paragraph.class).id("fix-first-standing").getText())
        .isEqualTo(
            "No. 14 of 60 dealers in the region and 230 of 1,200 in the brand, by shrunk CSI 70.8.");
    assertThat($(Paragraph.class).id("fix-first-model").getText()).contains("R² 0.41");

    // Without a model, and without answers: said in words, not with empty numbers.
    fixFirst.tryEmitNext(
        new Analytics.DealerFixFirst(
            new Analytics.Named("D1", "Volta Center"),
            "24h",
            "en",
            new Analytics.BenchmarkRef(BenchmarkKind.REGION, "R16", "Tatarstan"),
            null,
            null,
            List.of(),
            new Analytics.GainModel(false, null, 0, java.util.Map.of()),
            new Analytics.StandingRanks(null, null, 60, null, 1200)));
    until(() -> !$(Div.class).withId("fix-SPEED").exists());
    assertThat($(Paragraph.class).id("fix-first-model").getText())
        .isEqualTo(
            "Too few answers in the brand to model recommendation: gains are the parameter's direct"
                + " effect on the CSI.");
    assertThat($(Paragraph.class).id("fix-first-standing").getText())
        .isEqualTo("Not ranked yet: no answers in this window.");
    assertThat($(Div.class).id("fix-first-items").getElement().getTextRecursively())
        .isEqualTo("No parameter is below the benchmark.");
  }

  @Test
  void historyShowsEachPeriodAgainstThePreviousOneAndTheTrend() throws Exception {
    navigate("dealers/D1", DealerCabinetView.class);
    until(() -> "80.2".equals(text("period-csi")));
    verify(backend).periods(any(), eq(new Scope.Dealer("D1")));
    assertThat(text("period-csi-previous")).isEqualTo("before: 76.4 (+3.8, significant)");
    assertThat(text("period-nps")).isEqualTo("+35.5");
    assertThat(text("period-nps-previous")).isEqualTo("before: +30.4 (+5.1, within chance)");
    assertThat(text("period-responses-previous")).isEqualTo("before: 612");
    until(() -> $(io.pulse.ui.base.EChart.class).id("trend-chart").optionJson() != null);
    assertThat($(io.pulse.ui.base.EChart.class).id("trend-chart").optionJson())
        .contains("[81.3,null,74.6]");

    // Year to date has no previous period in the kept 13 months: it says so.
    $(com.vaadin.flow.component.tabs.Tabs.class)
        .id("period-picker")
        .setSelectedTab($(com.vaadin.flow.component.tabs.Tab.class).id("period-YEAR_TO_DATE"));
    until(() -> text("period-csi-previous").startsWith("nothing to compare with"));
  }
}
