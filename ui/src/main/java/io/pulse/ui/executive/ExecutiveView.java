package io.pulse.ui.executive;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import io.pulse.api.Scope;
import io.pulse.ui.backend.BackendClient;
import io.pulse.ui.backend.BackendCredential;
import io.pulse.ui.backend.BackendProperties;
import io.pulse.ui.backend.Connection;
import io.pulse.ui.backend.LatestThrottle;
import io.pulse.ui.backend.LiveHub;
import io.pulse.ui.backend.LiveIndex;
import io.pulse.ui.base.ClientZone;
import io.pulse.ui.base.ConnectionBadge;
import io.pulse.ui.base.CurrentUser;
import io.pulse.ui.base.Formats;
import io.pulse.ui.base.HistoryPanel;
import io.pulse.ui.base.Languages;
import io.pulse.ui.base.ViewProperties;
import io.pulse.ui.base.WindowSelector;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Mono;

/**
 * What the brand and region dashboards share: the window, the live headline of their scope with its
 * connection badge, and analytics re-read (shared, at most every {@code
 * pulse.ui.analytics-refresh}) whenever the scope's figures change.
 */
abstract class ExecutiveView extends Div {

  protected final LiveHub hub;
  protected final BackendClient backend;
  protected final CurrentUser user;
  protected final ViewProperties viewProperties;
  protected final BackendProperties backendProperties;

  protected final H1 title = new H1();
  protected final Div breadcrumbs = new Div();
  protected final ConnectionBadge connection = new ConnectionBadge();
  protected final ScopeHeadline headline = new ScopeHeadline();
  protected final Paragraph problem = new Paragraph();
  private final HistoryPanel history;
  protected Formats formats;
  protected String window = "30d";
  private Disposable.Composite live = Disposables.composite();
  private BackendCredential me = BackendCredential.NOBODY;

  ExecutiveView(
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
    addClassName("pulse-executive");
    title.setId("scope-title");
    breadcrumbs.addClassName("pulse-breadcrumbs");
    problem.addClassName("pulse-problem");
    problem.setId("problem");
    problem.setVisible(false);
  }

  /** Lays out the head (title, window, badge) and headline above {@code sections}. */
  protected void layout(Div... sections) {
    removeAll();
    WindowSelector selector = new WindowSelector(window, this::switchWindow);
    Div head = new Div();
    head.addClassName("pulse-view-head");
    Div titles = new Div(breadcrumbs, title);
    Div controls = new Div(selector, connection);
    controls.addClassName("pulse-view-controls");
    head.add(titles, controls);
    add(head, problem, headline, history);
    add(sections);
  }

  protected void showNotFound(String what) {
    live.dispose();
    removeAll();
    add(new H1(getTranslation("executive.not-found-title")));
    Paragraph p = new Paragraph(getTranslation("executive.not-found", what));
    p.setId("not-found");
    add(p);
  }

  /** The live scope of this dashboard. */
  protected abstract Scope scope();

  /** Starts the dashboard's own analytics subscriptions (via {@link #follow}). */
  protected abstract void subscribeAnalytics(UI ui, String lang);

  /** The path of this dashboard for {@code window} (the address bar follows the window). */
  protected abstract String path(String window);

  /** Whether this view shows anything (false after a not-found). */
  protected abstract boolean active();

  @Override
  protected void onAttach(AttachEvent event) {
    if (!active()) {
      return;
    }
    UI ui = event.getUI();
    ClientZone.resolve(ui, zone -> formats = new Formats(getLocale(), zone));
    subscribe(ui);
  }

  @Override
  protected void onDetach(DetachEvent event) {
    live.dispose();
  }

  private void subscribe(UI ui) {
    live.dispose();
    live = Disposables.composite();
    // Taken here, on the UI thread: the person's own token, for everything this view reads.
    me = user.credential();
    live.add(
        LatestThrottle.apply(hub.index(me, scope(), window), viewProperties.pushInterval())
            .subscribe(li -> ui.access(() -> showIndex(li))));
    subscribeAnalytics(ui, Languages.code(getLocale()));
    history.load(ui, me, scope(), formats);
  }

  /**
   * Follows one analytics read: re-read when the scope changes, shown in this view; {@code fetch}
   * reads as the person it is given (one of those watching).
   */
  protected <T> void follow(
      UI ui, List<Object> key, Function<BackendCredential, Mono<T>> fetch, Consumer<T> show) {
    live.add(
        LatestThrottle.apply(
                hub.follow(me, key, scope(), window, backendProperties.analyticsRefresh(), fetch),
                viewProperties.pushInterval())
            .subscribe(value -> ui.access(() -> show.accept(value))));
  }

  private void showIndex(LiveIndex li) {
    connection.show(li.connection(), formats);
    problem.setText(getTranslation("backend.unreachable"));
    problem.setVisible(li.figures() == null && li.connection().state() == Connection.State.STALE);
    if (li.figures() != null) {
      headline.show(li.figures(), formats);
    }
  }

  private void switchWindow(String next) {
    window = next;
    getUI()
        .ifPresent(ui -> {
          ui.getPage().getHistory().replaceState(null, path(next));
          subscribe(ui);
        });
  }

  protected static Div section(
      String id, String heading, com.vaadin.flow.component.Component... parts) {
    Div d = new Div();
    d.setId(id);
    d.addClassName("pulse-card");
    d.add(new H2(heading));
    d.add(parts);
    return d;
  }
}
