package io.pulse.ui.executive;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import io.pulse.api.Analytics.BrandSegments;
import io.pulse.api.Analytics.DealerRanking;
import io.pulse.api.Analytics.RegionSegments;
import io.pulse.api.Scope;
import io.pulse.ui.backend.BackendClient;
import io.pulse.ui.backend.BackendProperties;
import io.pulse.ui.backend.LiveHub;
import io.pulse.ui.base.CurrentUser;
import io.pulse.ui.base.HomeView;
import io.pulse.ui.base.MainLayout;
import io.pulse.ui.base.ViewProperties;
import io.pulse.ui.base.WindowSelector;
import jakarta.annotation.security.PermitAll;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One region of a brand: live figures, the fair ranking of its dealers (shrunk CSI), segments,
 * integrity flags and key drivers. A dealer opens its cabinet.
 */
@Route(value = "brands/:brandId/regions/:regionId", layout = MainLayout.class)
@PermitAll
public class RegionDashboardView extends ExecutiveView
    implements BeforeEnterObserver, HasDynamicTitle {

  private String brandId = "";
  private String regionId = "";
  private String regionName = "";
  private final Leaderboard ranking;
  private final SegmentsPanel segments = new SegmentsPanel();
  private final IntegrityPanel integrity = new IntegrityPanel();
  private final DriverChart drivers = new DriverChart();
  private @Nullable DealerRanking lastRanking;
  private List<RegionSegments> lastSegments = List.of();

  public RegionDashboardView(
      LiveHub hub,
      BackendClient backend,
      CurrentUser user,
      ViewProperties viewProperties,
      BackendProperties backendProperties) {
    super(hub, backend, user, viewProperties, backendProperties);
    ranking = new Leaderboard("ranking", formats);
  }

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    brandId = event.getRouteParameters().get("brandId").orElse("");
    regionId = event.getRouteParameters().get("regionId").orElse("");
    window = WindowSelector.of(event, "30d");
    if (!BackendClient.isValidId(brandId)
        || !BackendClient.isValidId(regionId)
        || !user.mayOpenBrand(brandId)) {
      String shown = brandId + "/" + regionId;
      brandId = "";
      showNotFound(shown);
      return;
    }
    title.setText(regionId);
    breadcrumbs.removeAll();
    breadcrumbs.add(
        new RouterLink(getTranslation("executive.home"), HomeView.class),
        new Span(" › "),
        new RouterLink(
            getTranslation("executive.brand-link", brandId),
            BrandDashboardView.class,
            new RouteParameters("brandId", brandId)));
    Div row = new Div(segments, drivers);
    row.addClassName("pulse-two-columns");
    layout(ranking, row, integrity);
  }

  @Override
  public String getPageTitle() {
    return getTranslation(
        "executive.region-title", regionName.isEmpty() ? regionId : regionName, brandId);
  }

  @Override
  protected Scope scope() {
    return Scope.brandRegion(brandId, regionId);
  }

  @Override
  protected String path(String w) {
    return "brands/" + brandId + "/regions/" + regionId + "?window=" + w;
  }

  @Override
  protected boolean active() {
    return !brandId.isEmpty();
  }

  @Override
  protected void subscribeAnalytics(UI ui, String lang) {
    String b = brandId;
    String r = regionId;
    String w = window;
    follow(
        ui,
        List.of("region-ranking", r, b, w),
        as -> backend.regionRanking(as, r, b, w),
        this::showRanking);
    follow(
        ui,
        List.of("region-segments", b, r),
        as -> backend.brandSegments(as, b, r),
        this::showSegments);
    follow(
        ui,
        List.of("region-integrity", b, r, lang),
        as -> backend.brandIntegrity(as, b, r, lang),
        report -> integrity.show(report, formats));
    follow(
        ui,
        List.of("region-drivers", b, r),
        as -> backend.brandDrivers(as, b, r),
        report -> drivers.show(report, formats));
  }

  private void showRanking(DealerRanking r) {
    lastRanking = r;
    regionName = r.region().label();
    title.setText(getTranslation("executive.region-heading", r.region().label(), brandId));
    getUI().ifPresent(ui -> ui.getPage().setTitle(getPageTitle()));
    refreshRanking();
  }

  private void showSegments(BrandSegments s) {
    lastSegments = s.regions();
    segments.show(
        s.regions().stream()
            .filter(x -> x.region().id().equals(regionId))
            .findFirst()
            .map(RegionSegments::counts)
            .orElse(s.counts()),
        formats);
    refreshRanking();
  }

  private void refreshRanking() {
    DealerRanking r = lastRanking;
    if (r == null) {
      return;
    }
    ranking.show(
        LeaderRow.fromRanking(r, lastSegments),
        getTranslation(
            "leaderboard.region-note", formats.score(r.regionMean()), formats.score(r.k())),
        formats);
  }

  Leaderboard ranking() {
    return ranking;
  }
}
