package io.pulse.ui.executive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.ComponentUtil;
import io.pulse.api.Analytics.BrandFixFirst;
import io.pulse.api.Analytics.BrandFixRow;
import io.pulse.api.Analytics.BrandSegments;
import io.pulse.api.Analytics.DriverReport;
import io.pulse.api.Analytics.FlaggedDealer;
import io.pulse.api.Analytics.GainModel;
import io.pulse.api.Analytics.IntegrityReport;
import io.pulse.api.Analytics.Named;
import io.pulse.api.Analytics.RegionComparison;
import io.pulse.api.Analytics.RegionRow;
import io.pulse.api.Analytics.RegionSegments;
import io.pulse.api.Analytics.SegmentRow;
import io.pulse.api.CaseKpis;
import io.pulse.api.IntegrityFlag;
import io.pulse.api.KeyDriver;
import io.pulse.api.Parameter;
import io.pulse.api.Scope;
import io.pulse.api.ScopeRef;
import io.pulse.api.Segment;
import io.pulse.api.Trend;
import io.pulse.ui.backend.BackendClient;
import io.pulse.ui.backend.LiveHub;
import io.pulse.ui.backend.LiveIndex;
import io.pulse.ui.base.CurrentUser;
import io.pulse.ui.base.EChart;
import io.pulse.ui.support.Fixtures;
import io.pulse.ui.support.UiAccess;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/** The brand dashboard's view logic: regions, fair leaderboard, flags, drivers, drill-down. */
@SpringBootTest(properties = "pulse.ui.view.push-interval=0s")
@WithMockUser
class BrandDashboardViewTests extends SpringBrowserlessTest {

  @MockitoBean LiveHub hub;
  @MockitoBean BackendClient backend;
  @MockitoBean CurrentUser user;

  final Sinks.Many<LiveIndex> index = Sinks.many().replay().latest();

  static final RegionComparison REGIONS =
      new RegionComparison(
          new Named("VOLTA", "Volta"),
          "30d",
          72.0,
          List.of(
              new RegionRow(new Named("R1", "North"), 400, false, 80.0, 77.0, 83.0, 40.0, 9.0, 12),
              new RegionRow(new Named("R2", "South"), 12, true, 60.0, 45.0, 75.0, 10.0, 30.0, 3)));

  static final BrandSegments SEGMENTS =
      new BrandSegments(
          new Named("VOLTA", "Volta"),
          "30d",
          Map.of(Segment.BENCHMARK, 1L, Segment.LOW_ENGAGEMENT, 1L, Segment.STABLE, 1L),
          List.of(
              new RegionSegments(
                  new Named("R1", "North"),
                  80.0,
                  Map.of(Segment.BENCHMARK, 1L, Segment.STABLE, 1L),
                  List.of(
                      new SegmentRow(
                          new Named("D1", "Lucky Three"),
                          Segment.STABLE,
                          Trend.FLAT,
                          100.0,
                          60.0,
                          100.0,
                          81.0,
                          null,
                          3,
                          List.of()),
                      new SegmentRow(
                          new Named("D2", "Steady Best"),
                          Segment.BENCHMARK,
                          Trend.IMPROVING,
                          90.0,
                          88.0,
                          92.0,
                          89.5,
                          91.0,
                          300,
                          List.of()))),
              new RegionSegments(
                  new Named("R2", "South"),
                  60.0,
                  Map.of(Segment.LOW_ENGAGEMENT, 1L),
                  List.of(
                      new SegmentRow(
                          new Named("D3", "Gamer"),
                          Segment.LOW_ENGAGEMENT,
                          Trend.UNKNOWN,
                          99.0,
                          90.0,
                          100.0,
                          70.0,
                          null,
                          20,
                          List.of(IntegrityFlag.Kind.PERFECT_SHARE))))));

  @BeforeEach
  void backend() {
    when(user.mayOpenBrand(anyString())).thenReturn(true);
    when(user.mayOpenAnyBrand()).thenReturn(true);
    when(user.mayHandleDealer(anyString())).thenReturn(true);
    when(user.mayOpenDealer(anyString(), anyString())).thenReturn(true);
    when(backend.brands(any())).thenReturn(Mono.just(List.of()));
    when(backend.caseKpis(any(), any(), anyInt()))
        .thenReturn(
            Mono.just(
                new CaseKpis("brand:VOLTA", 30, 0, 0, null, null, null, null, 0, 0, null, 0, 0)));
    when(backend.periods(any(), any()))
        .thenAnswer(
            i -> Mono.just(Fixtures.periods(new ScopeRef("brand", "VOLTA", null, null, null))));
    when(backend.history(any(), any(), anyString(), any(), any()))
        .thenAnswer(
            i -> Mono.just(Fixtures.series(new ScopeRef("brand", "VOLTA", null, null, null))));
    when(hub.index(any(), any(), anyString())).thenReturn(index.asFlux());
    when(hub.follow(any(), any(), any(), anyString(), any(), any()))
        .thenAnswer(i -> {
          List<?> key = (List<?>) i.getArgument(1);
          Object value =
              switch ((String) key.get(0)) {
                case "brand-regions" -> REGIONS;
                case "brand-segments" -> SEGMENTS;
                case "brand-integrity" ->
                    new IntegrityReport(
                        new Named("VOLTA", "Volta"),
                        null,
                        "en",
                        3,
                        List.of(
                            new FlaggedDealer(
                                new Named("D3", "Gamer"),
                                new Named("R2", "South"),
                                20,
                                List.of(
                                    new IntegrityFlag(
                                        IntegrityFlag.Kind.PERFECT_SHARE,
                                        "63 % perfect answers vs 12 % in the region (20 answers)",
                                        14.2)))));
                case "brand-fix-first" ->
                    new BrandFixFirst(
                        new Named("VOLTA", "Volta"),
                        "30d",
                        "en",
                        72.0,
                        List.of(
                            new BrandFixRow(
                                "SPEED",
                                "Speed and organisation",
                                40,
                                0.62,
                                1.8,
                                "Speed and organisation in 40 dealers below their region, raised to"
                                    + " it: about +1.8 CSI for the brand <b>")),
                        new GainModel(true, 0.41, 5210, Map.of("SPEED", 0.21)));
                case "brand-drivers" ->
                    new DriverReport(
                        new Named("VOLTA", "Volta"),
                        null,
                        "30d",
                        List.of(
                            new KeyDriver(
                                Parameter.SPEED,
                                0.62,
                                900,
                                61.0,
                                70.0,
                                -9.0,
                                KeyDriver.Quadrant.FIX_FIRST),
                            new KeyDriver(
                                Parameter.CAR,
                                0.21,
                                900,
                                85.0,
                                80.0,
                                5.0,
                                KeyDriver.Quadrant.SECONDARY)));
                default -> null;
              };
          return value == null ? Flux.empty() : Flux.just(value);
        });
  }

  void until(BooleanSupplier condition) {
    UiAccess.until(condition);
  }

  @Test
  void regionsLeaderboardFlagsAndDriversAreShown() throws Exception {
    BrandDashboardView view = navigate("brands/VOLTA", BrandDashboardView.class);
    index.tryEmitNext(Fixtures.live(Fixtures.figures("VOLTA", 5000, 74.0)));
    until(() -> !view.regionRows().isEmpty() && !view.leaderboard().rows().isEmpty());

    String chart = $(EChart.class).id("region-chart").optionJson();
    assertThat(chart).contains("\"errorBarX\"").contains("\"id\":\"R1\"").contains("[0,77.0,83.0]");

    // Shrunk CSI ranks the steady dealer above three perfect answers.
    List<LeaderRow> rows = view.leaderboard().rows();
    assertThat(rows).extracting(LeaderRow::dealerId).containsExactly("D2", "D1", "D3");
    assertThat(rows.get(1).lowSample()).isTrue();
    assertThat(rows.get(0).lowSample()).isFalse();

    until(() -> $(com.vaadin.flow.component.html.Div.class).withId("flagged-D3").exists());
    assertThat(
            $(com.vaadin.flow.component.html.Div.class)
                .id("flagged-D3")
                .getElement()
                .getTextRecursively())
        .contains("Too many perfect answers")
        .contains("63 % perfect answers vs 12 % in the region");
    assertThat($(EChart.class).id("driver-chart").optionJson()).contains("\"SPEED\"");
    assertThat(
            $(com.vaadin.flow.component.html.UnorderedList.class)
                .id("fix-first")
                .getElement()
                .getTextRecursively())
        .contains("Speed and organisation: Fix first");
  }

  @Test
  void clickingARegionInTheChartDrillsDown() throws Exception {
    BrandDashboardView view = navigate("brands/VOLTA", BrandDashboardView.class);
    until(() -> !view.regionRows().isEmpty());
    EChart chart = $(EChart.class).id("region-chart");
    ComponentUtil.fireEvent(chart, new EChart.ChartClickEvent(chart, true, "R1", "North"));
    assertThat(getCurrentView()).isInstanceOf(RegionDashboardView.class);
  }

  @Test
  void aBrandTheSessionMayNotOpenLooksLikeNoBrand() {
    when(user.mayOpenBrand("VOLTA")).thenReturn(false);
    navigate("brands/VOLTA", BrandDashboardView.class);
    assertThat($(com.vaadin.flow.component.html.Paragraph.class).withId("not-found").exists())
        .isTrue();
    // Its history is never asked for.
    verify(backend, never()).periods(any(), any());
    verify(backend, never()).history(any(), any(), anyString(), any(), any());
  }

  @Test
  void theTrendChartShowsTheBrandsHistoryWithThePreviousPeriod() throws Exception {
    navigate("brands/VOLTA", BrandDashboardView.class);
    until(() ->
        $(EChart.class).withId("trend-chart").exists()
            && $(EChart.class).id("trend-chart").optionJson() != null);
    String option = $(EChart.class).id("trend-chart").optionJson();
    // The CSI line with a gap for the empty day, the band's width on top of its low end, bars.
    assertThat(option)
        .contains("\"type\":\"line\"")
        .contains("[81.3,null,74.6]")
        .contains("[76.9,null,68.0]")
        .contains("\"stack\":\"band\"")
        .contains("[23,0,17]");
    verify(backend).periods(any(), eq(new Scope.Brand("VOLTA")));
    until(() ->
        "80.2".equals($(com.vaadin.flow.component.html.Span.class).id("period-csi").getText()));
    assertThat($(com.vaadin.flow.component.html.Span.class).id("period-csi-previous").getText())
        .isEqualTo("before: 76.4 (+3.8, significant)");
  }

  @Test
  void theBrandSeesWhatItGainsMostFrom() throws Exception {
    navigate("brands/VOLTA", BrandDashboardView.class);
    until(() -> $(com.vaadin.flow.component.html.Div.class).withId("brand-fix-SPEED").exists());
    var row = $(com.vaadin.flow.component.html.Div.class).id("brand-fix-SPEED");
    assertThat(row.getElement().getTextRecursively())
        .isEqualTo(
            "Speed and organisation in 40 dealers below their region, raised to it: about +1.8 CSI"
                + " for the brand <b>");
    assertThat(
            $(com.vaadin.flow.component.html.Paragraph.class).id("brand-fix-first-model").getText())
        .contains("R² 0.41");
  }
}
