package io.pulse.ui.executive;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParam;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import io.pulse.api.Analytics.RegionComparison;
import io.pulse.api.Analytics.RegionRow;
import io.pulse.api.Scope;
import io.pulse.ui.backend.BackendClient;
import io.pulse.ui.backend.BackendProperties;
import io.pulse.ui.backend.LiveHub;
import io.pulse.ui.base.CaseKpiPanel;
import io.pulse.ui.base.CurrentUser;
import io.pulse.ui.base.HomeView;
import io.pulse.ui.base.MainLayout;
import io.pulse.ui.base.ViewProperties;
import io.pulse.ui.base.WindowSelector;
import jakarta.annotation.security.PermitAll;
import java.util.List;

/**
 * A brand executive's dashboard: the brand's live figures, its regions compared with confidence
 * intervals, the fair dealer leaderboard, segments, integrity flags and key drivers. A region (bar
 * or row) drills down to its dashboard, a dealer to its cabinet.
 */
@Route(value = "brands/:brandId", layout = MainLayout.class)
@PermitAll
public class BrandDashboardView extends ExecutiveView
    implements BeforeEnterObserver, HasDynamicTitle {

  private String brandId = "";
  private final RegionChart regionChart = new RegionChart(this::openRegion);
  private final Grid<RegionRow> regionGrid = new Grid<>();
  private final Paragraph regionNote = new Paragraph();
  private final Leaderboard leaderboard;
  private final SegmentsPanel segments = new SegmentsPanel();
  private final IntegrityPanel integrity = new IntegrityPanel();
  private final DriverChart drivers = new DriverChart();
  private final BrandFixFirstPanel fixFirst = new BrandFixFirstPanel();
  private final CaseKpiPanel cases = new CaseKpiPanel();
  private String brandName = "";

  public BrandDashboardView(
      LiveHub hub,
      BackendClient backend,
      CurrentUser user,
      ViewProperties viewProperties,
      BackendProperties backendProperties) {
    super(hub, backend, user, viewProperties, backendProperties);
    leaderboard = new Leaderboard("leaderboard", formats);
    regionGrid.setId("region-grid");
    regionGrid.addThemeVariants(GridVariant.LUMO_COMPACT);
    regionGrid
        .addComponentColumn(r -> {
          RouterLink link =
              new RouterLink(
                  r.region().label(),
                  RegionDashboardView.class,
                  new RouteParameters(
                      new RouteParam("brandId", brandId),
                      new RouteParam("regionId", r.region().id())));
          link.addClassName("region-link");
          link.getElement().setAttribute("data-region", r.region().id());
          return link;
        })
        .setHeader(getTranslation("regions.region"))
        .setFlexGrow(2);
    regionGrid
        .addColumn(r ->
            formats.score(r.csi())
                + " ["
                + formats.score(r.csiLow())
                + "–"
                + formats.score(r.csiHigh())
                + "]")
        .setHeader(getTranslation("regions.csi"))
        .setFlexGrow(2);
    regionGrid
        .addColumn(r ->
            r.nps() == null ? "" : formats.signed(r.nps()) + " ± " + formats.score(r.npsMargin()))
        .setHeader(getTranslation("regions.nps"));
    regionGrid
        .addComponentColumn(r -> {
          Span s = new Span(formats.count(r.responses()));
          if (r.lowSample()) {
            Span flag = new Span(" " + getTranslation("leaderboard.low-sample"));
            flag.addClassNames("pulse-badge", "warning", "small");
            s.add(flag);
          }
          return s;
        })
        .setHeader(getTranslation("regions.responses"))
        .setTextAlign(ColumnTextAlign.END);
    regionGrid
        .addColumn(r -> formats.count(r.dealers()))
        .setHeader(getTranslation("regions.dealers"))
        .setTextAlign(ColumnTextAlign.END);
    regionNote.addClassName("pulse-muted");
  }

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    brandId = event.getRouteParameters().get("brandId").orElse("");
    window = WindowSelector.of(event, "30d");
    if (!BackendClient.isValidId(brandId) || !user.mayOpenBrand(brandId)) {
      String shown = brandId;
      brandId = "";
      showNotFound(shown);
      return;
    }
    title.setText(brandId);
    breadcrumbs.removeAll();
    RouterLink home = new RouterLink(getTranslation("executive.home"), HomeView.class);
    breadcrumbs.add(home);
    Div regions =
        section("regions", getTranslation("regions.title"), regionNote, regionChart, regionGrid);
    regions.addClassName("pulse-wide");
    Div row = new Div(segments, drivers);
    row.addClassName("pulse-two-columns");
    layout(fixFirst, regions, leaderboard, row, integrity, cases);
  }

  @Override
  public String getPageTitle() {
    return getTranslation("executive.brand-title", brandName.isEmpty() ? brandId : brandName);
  }

  @Override
  protected Scope scope() {
    return Scope.brand(brandId);
  }

  @Override
  protected String path(String w) {
    return "brands/" + brandId + "?window=" + w;
  }

  @Override
  protected boolean active() {
    return !brandId.isEmpty();
  }

  @Override
  protected void subscribeAnalytics(UI ui, String lang) {
    String b = brandId;
    String w = window;
    follow(
        ui,
        List.of("brand-regions", b, w),
        as -> backend.brandRegions(as, b, w),
        this::showRegions);
    follow(
        ui,
        List.of("brand-segments", b),
        as -> backend.brandSegments(as, b, null),
        s -> {
          segments.show(s.counts(), formats);
          leaderboard.show(
              LeaderRow.fromSegments(s.regions()),
              getTranslation("leaderboard.brand-note"),
              formats);
        });
    follow(
        ui,
        List.of("brand-integrity", b, lang),
        as -> backend.brandIntegrity(as, b, null, lang),
        r -> integrity.show(r, formats));
    follow(
        ui,
        List.of("brand-fix-first", b, w, lang),
        as -> backend.brandFixFirst(as, b, w, lang),
        f -> fixFirst.show(f, formats));
    follow(
        ui,
        List.of("brand-drivers", b),
        as -> backend.brandDrivers(as, b, null),
        r -> drivers.show(r, formats));
    follow(
        ui,
        List.of("brand-cases", b),
        as -> backend.caseKpis(as, Scope.brand(b), 30),
        k -> cases.show(k, formats));
  }

  private void showRegions(RegionComparison c) {
    brandName = c.brand().label();
    title.setText(c.brand().label());
    getUI().ifPresent(ui -> ui.getPage().setTitle(getPageTitle()));
    regionNote.setText(
        getTranslation(
            "regions.note", getTranslation("window." + c.window()), formats.score(c.brandCsi())));
    regionChart.show(c, formats);
    regionGrid.setItems(c.regions());
    // A few regions: as tall as they need; many: scroll inside the grid.
    boolean few = c.regions().size() <= 12;
    regionGrid.setAllRowsVisible(few);
    regionGrid.setHeight(few ? null : "420px");
  }

  private void openRegion(String regionId) {
    if (BackendClient.isValidId(regionId)) {
      getUI()
          .ifPresent(ui ->
              ui.navigate(
                  RegionDashboardView.class,
                  new RouteParameters(
                      new RouteParam("brandId", brandId), new RouteParam("regionId", regionId))));
    }
  }

  List<RegionRow> regionRows() {
    return regionGrid.getListDataView().getItems().toList();
  }

  Leaderboard leaderboard() {
    return leaderboard;
  }
}
