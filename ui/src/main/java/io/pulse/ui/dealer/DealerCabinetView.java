package io.pulse.ui.dealer;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import io.pulse.api.Alert;
import io.pulse.api.Analytics.DealerAnalysis;
import io.pulse.api.Analytics.DealerFixFirst;
import io.pulse.api.Dealer;
import io.pulse.api.FeedItem;
import io.pulse.api.IndexView;
import io.pulse.api.Scope;
import io.pulse.ui.backend.BackendClient;
import io.pulse.ui.backend.BackendCredential;
import io.pulse.ui.backend.BackendProperties;
import io.pulse.ui.backend.Connection;
import io.pulse.ui.backend.FeedSignal;
import io.pulse.ui.backend.LatestThrottle;
import io.pulse.ui.backend.LiveHub;
import io.pulse.ui.backend.LiveIndex;
import io.pulse.ui.base.CaseKpiPanel;
import io.pulse.ui.base.ConnectionBadge;
import io.pulse.ui.base.CurrentUser;
import io.pulse.ui.base.Formats;
import io.pulse.ui.base.HistoryPanel;
import io.pulse.ui.base.Languages;
import io.pulse.ui.base.MainLayout;
import io.pulse.ui.base.ViewProperties;
import io.pulse.ui.base.WindowSelector;
import jakarta.annotation.security.PermitAll;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.retry.Retry;

/**
 * A dealer manager's cabinet: the dealer's live CSI, NPS and responses over a chosen window, the
 * seven parameters against the region, the journey stages, the live feedback feed and the alerts to
 * act on. Everything updates without a reload; a changed number flashes.
 */
@Route(value = "dealers/:dealerId", layout = MainLayout.class)
@PermitAll
public class DealerCabinetView extends Div implements BeforeEnterObserver, HasDynamicTitle {

  private final LiveHub hub;
  private final BackendClient backend;
  private final CurrentUser user;
  private final ViewProperties viewProperties;
  private final BackendProperties backendProperties;

  private final H1 title = new H1();
  private final Span subtitle = new Span();
  private final Div upLinks = new Div();
  private final ConnectionBadge connection = new ConnectionBadge();
  private final Paragraph problem = new Paragraph();
  private final FixFirstPanel fixFirst = new FixFirstPanel();
  private final HeadlinePanel headline = new HeadlinePanel();
  private final ParameterPanel parameters = new ParameterPanel();
  private final StagePanel stages = new StagePanel();
  private final FeedPanel feed = new FeedPanel();
  private final AlertsPanel alerts;
  private final CaseKpiPanel cases = new CaseKpiPanel();
  private final CelebrationsPanel celebrations = new CelebrationsPanel(this::thank);
  private final HistoryPanel history;
  private final Div body = new Div();
  private @Nullable WindowSelector windowSelector;

  private String dealerId = "";
  private String window = "24h";
  private boolean showResolved;
  private @Nullable Dealer dealer;
  private @Nullable IndexView figures;
  private Formats formats;
  private boolean denied;
  private final Sinks.Many<Boolean> alertRefresh = Sinks.many().multicast().directBestEffort();
  private Disposable.Composite live = Disposables.composite();
  private BackendCredential me = BackendCredential.NOBODY;

  public DealerCabinetView(
      LiveHub hub,
      BackendClient backend,
      CurrentUser user,
      ViewProperties viewProperties,
      BackendProperties backendProperties) {
    this.hub = hub;
    this.backend = backend;
    this.user = user;
    this.viewProperties = viewProperties;
    this.backendProperties = backendProperties;
    this.formats = new Formats(getLocale(), ZoneOffset.UTC);
    this.history = new HistoryPanel(backend, formats);
    this.alerts =
        new AlertsPanel(
            this::acknowledge,
            this::contacted,
            this::resolve,
            resolved -> {
              showResolved = resolved;
              alertRefresh.tryEmitNext(true);
            },
            eventId -> backend.alertCase(me, eventId),
            (eventId, person) ->
                backend
                    .assign(me, eventId, person)
                    .doOnSuccess(c -> alertRefresh.tryEmitNext(true)));
    addClassName("pulse-cabinet");
    title.setId("dealer-title");
    subtitle.addClassName("pulse-muted");
    upLinks.addClassName("pulse-breadcrumbs");
    problem.addClassName("pulse-problem");
    problem.setId("problem");
    problem.setVisible(false);
    body.addClassName("pulse-cabinet-grid");
    Div side = new Div(feed, alerts, celebrations, cases);
    side.addClassName("pulse-cabinet-side");
    Div main = new Div(parameters, stages);
    main.addClassName("pulse-cabinet-main");
    body.add(main, side);
  }

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    String id = event.getRouteParameters().get("dealerId").orElse("");
    window = WindowSelector.of(event, "24h");
    feed.showPersonalData(user.seesPersonalData());
    alerts.showPersonalData(user.seesPersonalData());
    celebrations.showPersonalData(user.seesPersonalData());
    // Vaadin reuses this view when only the dealer in the address changes: start afresh.
    live.dispose();
    removeAll();
    denied = false;
    dealer = null;
    figures = null;
    if (!BackendClient.isValidId(id)) {
      dealerId = "";
      showNotFound();
      return;
    }
    dealerId = id;
    alerts.setHandling(user.mayHandleDealer(id));
    celebrations.setHandling(user.mayHandleDealer(id));
    formats = new Formats(getLocale(), ZoneOffset.UTC);
    windowSelector = new WindowSelector(window, this::switchWindow);
    Div head = new Div();
    head.addClassName("pulse-view-head");
    Div titles = new Div(upLinks, title, subtitle);
    Div controls = new Div(windowSelector, connection);
    controls.addClassName("pulse-view-controls");
    head.add(titles, controls);
    title.setText(id);
    add(head, problem, fixFirst, headline, history, body);
    if (isAttached()) {
      getUI().ifPresent(this::subscribe);
    }
  }

  @Override
  public String getPageTitle() {
    String name = dealer != null ? dealer.name() : dealerId;
    return getTranslation("cabinet.page-title", name);
  }

  @Override
  protected void onAttach(AttachEvent event) {
    if (!dealerId.isEmpty()) {
      subscribe(event.getUI());
    }
  }

  @Override
  protected void onDetach(DetachEvent event) {
    live.dispose();
  }

  // --- live data -----------------------------------------------------------------------------

  /**
   * Access is decided on the dealer's record, read as this person, before any of its data is asked
   * for: nothing of a dealer this person may not see is ever subscribed to, so none of it can reach
   * their browser, whoever else watches that dealer. While the backend is away the record is asked
   * for again.
   */
  private void subscribe(UI ui) {
    live.dispose();
    live = Disposables.composite();
    // Taken here, on the UI thread: the person's own token, for everything this view reads.
    me = user.credential();
    String id = dealerId;
    live.add(
        backend
            .dealer(me, id)
            .doOnError(e -> {
              if (!(e instanceof WebClientResponseException.NotFound)) {
                ui.access(this::showUnreachable);
              }
            })
            .retryWhen(
                Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1))
                    .maxBackoff(viewProperties.alertsRefresh())
                    .filter(e -> !(e instanceof WebClientResponseException.NotFound)))
            .subscribe(d -> ui.access(() -> open(ui, d)), e -> ui.access(this::showNotFound)));
  }

  private void open(UI ui, Dealer d) {
    if (!user.mayOpenDealer(d.id(), d.brandId())) {
      showNotFound();
      return;
    }
    showDealer(d);
    String id = d.id();
    String w = window;
    String lang = Languages.code(getLocale());
    Duration pace = viewProperties.pushInterval();
    Scope scope = Scope.dealer(id);
    parameters.forDealer(id);
    stages.forDealer(id);
    history.load(ui, me, scope, formats);

    // The numbers and the verdicts come on the stream, computed once per change by the backend.
    live.add(
        LatestThrottle.apply(hub.index(me, scope, w), pace)
            .subscribe(li -> ui.access(() -> showIndex(li, lang))));

    // What moves slowly (trend, CSI per stage, the benchmark's name) is read now and then.
    live.add(
        hub.every(
                me,
                List.of("dealer-analysis", id, w, lang),
                backendProperties.dealerAnalysisRefresh(),
                as -> backend.dealerAnalysis(as, id, w, lang))
            .subscribe(a -> ui.access(() -> showAnalysis(a))));

    // The first panel: what to fix first and the dealer's rank, as slow as the analysis.
    live.add(
        hub.every(
                me,
                List.of("dealer-fix-first", id, w, lang),
                backendProperties.dealerAnalysisRefresh(),
                as -> backend.dealerFixFirst(as, id, w, lang))
            .subscribe(f -> ui.access(() -> showFixFirst(f))));

    // What a resolution may name as its cause, as the backend is configured: read once.
    if (user.mayHandleDealer(id)) {
      // Deferred: whatever reading them does, the cabinet opens with the default list.
      live.add(
          Mono.defer(() -> backend.rootCauses(me))
              .onErrorResume(e -> Mono.empty())
              .subscribe(c -> ui.access(() -> alerts.setRootCauses(c))));
    }

    // The backlog arrives as a burst: collect a burst into one push.
    live.add(
        hub.feed(me, id)
            .bufferTimeout(FeedPanel.MAX_ITEMS, pace.isZero() ? Duration.ofMillis(20) : pace)
            .subscribe(signals -> ui.access(() -> showFeed(signals))));

    Flux<Boolean> alertTriggers =
        Flux.merge(
            Flux.just(true),
            alertRefresh.asFlux(),
            Flux.interval(viewProperties.alertsRefresh()).map(t -> true));
    live.add(
        LatestThrottle.apply(alertTriggers, pace)
            .concatMap(t ->
                backend
                    .dealerAlerts(me, id, !showResolved)
                    .map(AlertsResult::ok)
                    .onErrorResume(e -> Mono.just(AlertsResult.failed())))
            .subscribe(r -> ui.access(() -> showAlerts(r))));
    live.add(
        LatestThrottle.apply(alertTriggers, pace)
            .concatMap(t ->
                backend
                    .celebrations(me, id)
                    .map(Optional::of)
                    .onErrorResume(e -> Mono.just(Optional.empty())))
            .subscribe(c -> ui.access(() -> c.ifPresent(v -> celebrations.show(v, formats)))));
    // How this dealer's cases were handled: re-read with the alerts, since acting moves it.
    live.add(
        LatestThrottle.apply(alertTriggers, pace)
            .concatMap(t ->
                backend
                    .caseKpis(me, scope, 30)
                    .map(Optional::of)
                    .onErrorResume(e -> Mono.just(Optional.empty())))
            .subscribe(k ->
                ui.access(
                    () -> k.ifPresentOrElse(v -> cases.show(v, formats), cases::showUnavailable))));
  }

  private void showUnreachable() {
    if (!denied && dealer == null) {
      problem.setText(getTranslation("backend.unreachable"));
      problem.setVisible(true);
    }
  }

  private void showDealer(Dealer d) {
    dealer = d;
    problem.setVisible(false);
    ZoneId zone;
    try {
      zone = ZoneId.of(d.timeZone());
    } catch (RuntimeException e) {
      zone = ZoneOffset.UTC;
    }
    formats = new Formats(getLocale(), zone);
    title.setText(d.name());
    List<String> parts = new ArrayList<>();
    parts.add(d.id());
    if (d.city() != null && !d.city().isBlank()) {
      parts.add(d.city());
    }
    parts.add(getTranslation("cabinet.region", d.regionId()));
    parts.add(getTranslation("cabinet.brand", d.brandId()));
    parts.add(getTranslation("cabinet.zone", zone.getId()));
    subtitle.setText(String.join(" · ", parts));
    upLinks.removeAll();
    // Up to the brand's dashboards only for those who may open them (not a dealer manager).
    if (user.mayOpenBrand(d.brandId())) {
      upLinks.add(
          routerAnchor("brands/" + d.brandId(), getTranslation("cabinet.brand-link", d.brandId())),
          new Span(" › "),
          routerAnchor(
              "brands/" + d.brandId() + "/regions/" + d.regionId(),
              getTranslation("cabinet.region-link", d.regionId())));
    }
    getUI().ifPresent(ui -> ui.getPage().setTitle(getPageTitle()));
  }

  private void showIndex(LiveIndex li, String language) {
    if (denied) {
      return;
    }
    connection.show(li.connection(), formats);
    IndexView f = li.figures();
    if (f != null
        && f.scope().brandId() != null
        && !user.mayOpenDealer(dealerId, f.scope().brandId())) {
      showNotFound();
      return;
    }
    if (!li.connection().isLive() && f == null) {
      problem.setText(getTranslation("backend.unreachable"));
      problem.setVisible(li.connection().state() != Connection.State.CONNECTING);
    } else {
      problem.setVisible(false);
    }
    if (f != null) {
      figures = f;
      if (dealer == null && f.scope().name() != null) {
        title.setText(f.scope().name());
      }
      headline.show(f, formats);
      parameters.show(f, li.verdicts(), language, formats);
    }
  }

  private void showFixFirst(DealerFixFirst f) {
    if (denied) {
      return;
    }
    fixFirst.show(f, formats);
  }

  private void showAnalysis(DealerAnalysis a) {
    if (denied) {
      return;
    }
    headline.showTrend(a.trend());
    parameters.showBenchmark(a.benchmark());
    stages.show(a.stages(), formats);
  }

  private void showFeed(List<FeedSignal> signals) {
    if (denied) {
      return;
    }
    boolean initial = feed.size() == 0;
    List<FeedItem> batch = new ArrayList<>();
    boolean alerting = false;
    for (FeedSignal s : signals) {
      switch (s) {
        case FeedSignal.Reset r -> {
          batch.clear();
          feed.clear();
        }
        case FeedSignal.Item i -> {
          batch.add(i.item());
          alerting |= !i.item().alerts().isEmpty();
        }
        case FeedSignal.Warning w -> {
          feed.add(batch, formats, !initial);
          batch.clear();
          feed.addWarning(w.alert(), formats, !initial);
          alerting = true;
        }
        default -> {}
      }
    }
    feed.add(batch, formats, !initial);
    if (alerting && !initial) {
      alertRefresh.tryEmitNext(true);
    }
  }

  private void showAlerts(AlertsResult result) {
    if (denied) {
      return;
    }
    if (result.alerts() == null) {
      alerts.showUnavailable();
    } else {
      alerts.show(result.alerts(), formats);
    }
  }

  // --- actions -------------------------------------------------------------------------------

  private void acknowledge(String eventId) {
    act(() -> backend.acknowledge(me, eventId, null), "alerts.acknowledged");
  }

  private void contacted(String eventId) {
    act(() -> backend.contacted(me, eventId), "alerts.contact-recorded");
  }

  private void thank(String eventId) {
    act(() -> backend.thank(me, eventId), "celebrations.done");
  }

  private void resolve(AlertsPanel.Resolution r) {
    act(
        () -> backend.resolve(me, r.eventId(), r.note(), r.rootCause(), r.outcome()),
        "alerts.resolved");
  }

  private void act(Supplier<? extends Mono<?>> action, String doneKey) {
    // The buttons only exist for those who may act; checked again here, on the server.
    if (!user.mayHandleDealer(dealerId)) {
      return;
    }
    UI ui = UI.getCurrent();
    live.add(
        action
            .get()
            .subscribe(
                a ->
                    ui.access(() -> {
                      Notification.show(
                              getTranslation(doneKey), 3000, Notification.Position.BOTTOM_START)
                          .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
                      alertRefresh.tryEmitNext(true);
                    }),
                e ->
                    ui.access(() -> {
                      String key =
                          e instanceof WebClientResponseException.Conflict
                              ? "alerts.conflict"
                              : "alerts.failed";
                      Notification.show(
                              getTranslation(key), 5000, Notification.Position.BOTTOM_START)
                          .addThemeVariants(NotificationVariant.LUMO_ERROR);
                      alertRefresh.tryEmitNext(true);
                    })));
  }

  private void switchWindow(String next) {
    window = next;
    getUI()
        .ifPresent(ui -> {
          ui.getPage().getHistory().replaceState(null, "dealers/" + dealerId + "?window=" + next);
          subscribe(ui);
        });
  }

  private void showNotFound() {
    denied = true;
    live.dispose();
    removeAll();
    H1 h = new H1(getTranslation("cabinet.not-found-title"));
    Paragraph p = new Paragraph(getTranslation("cabinet.not-found", dealerId));
    p.setId("not-found");
    add(h, p);
  }

  private static Anchor routerAnchor(String href, String text) {
    Anchor a = new Anchor(href, text);
    // Navigates inside the app without reloading the page.
    a.getElement().setAttribute("router-link", true);
    return a;
  }

  // For browserless tests.
  @Nullable IndexView figures() {
    return figures;
  }

  ConnectionBadge connectionBadge() {
    return connection;
  }

  /** The alerts list or the failure to read it. */
  private record AlertsResult(@Nullable List<Alert> alerts) {
    static AlertsResult ok(List<Alert> alerts) {
      return new AlertsResult(alerts);
    }

    static AlertsResult failed() {
      return new AlertsResult(null);
    }
  }
}
