package io.pulse.ui.base;

import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.tabs.Tab;
import com.vaadin.flow.component.tabs.Tabs;
import io.pulse.api.History;
import io.pulse.api.Scope;
import io.pulse.ui.backend.BackendClient;
import io.pulse.ui.backend.BackendCredential;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;

/**
 * A scope's history: a period picker (this month, last month, quarter, year to date, rolling three
 * months), the period's CSI, NPS and responses each with the previous period's value and whether
 * the change is significant, and the trend over both periods ({@link TrendChart}). Shown by the
 * dealer cabinet and the brand and region dashboards once they have decided the person may see the
 * scope ({@link #load}).
 */
public class HistoryPanel extends Div {

  /** The periods of the backend's {@code /periods}, in the picker's order. */
  static final List<String> PERIODS =
      List.of("ROLLING_3_MONTHS", "THIS_MONTH", "LAST_MONTH", "QUARTER", "YEAR_TO_DATE");

  /** Longer than this, the chart shows weeks instead of days. */
  private static final long MAX_DAILY_POINTS = 120;

  private final BackendClient backend;
  private final TrendChart chart = new TrendChart();
  private final Span csi = Kpi.value("period-csi");
  private final Span csiBefore = Kpi.detail("period-csi-previous");
  private final Span nps = Kpi.value("period-nps");
  private final Span npsBefore = Kpi.detail("period-nps-previous");
  private final Span responses = Kpi.value("period-responses");
  private final Span responsesBefore = Kpi.detail("period-responses-previous");
  private final Span range = new Span();
  private final Span problem = new Span();
  private final Map<Tab, String> tabs = new LinkedHashMap<>();
  private String period = PERIODS.getFirst();
  private @Nullable Scope scope;
  // Set with the scope, on the UI thread; what the view read the scope with.
  private @Nullable BackendCredential as;
  private History.@Nullable Periods periods;
  private Formats formats;
  private @Nullable Disposable loading;

  public HistoryPanel(BackendClient backend, Formats formats) {
    this.backend = backend;
    this.formats = formats;
    setId("history");
    addClassNames("pulse-card", "pulse-history");
    Tabs picker = new Tabs();
    picker.setId("period-picker");
    picker.getElement().setAttribute("aria-label", getTranslation("history.picker"));
    for (String p : PERIODS) {
      Tab tab = new Tab(getTranslation("history.period." + p));
      tab.setId("period-" + p);
      tabs.put(tab, p);
      picker.add(tab);
    }
    picker.addSelectedChangeListener(e -> {
      String selected = tabs.get(e.getSelectedTab());
      if (selected != null && !selected.equals(period)) {
        period = selected;
        getUI().ifPresent(this::showPeriod);
      }
    });
    range.setId("period-range");
    range.addClassName("pulse-muted");
    problem.addClassName("pulse-problem");
    problem.setVisible(false);
    Div cards =
        new Div(
            Kpi.card("period-csi", getTranslation("headline.csi"), csi, csiBefore),
            Kpi.card("period-nps", getTranslation("headline.nps"), nps, npsBefore),
            Kpi.card(
                "period-responses",
                getTranslation("headline.responses"),
                responses,
                responsesBefore));
    cards.addClassName("pulse-headline");
    add(new H2(getTranslation("history.title")), picker, range, problem, cards, chart);
  }

  /** Reads the scope's periods and draws the picked one; call once access is decided. */
  public void load(UI ui, BackendCredential as, Scope scope, Formats formats) {
    this.as = as;
    this.scope = scope;
    this.formats = formats;
    cancel();
    loading =
        backend
            .periods(as, scope)
            .subscribe(
                p ->
                    ui.access(() -> {
                      periods = p;
                      showPeriod(ui);
                    }),
                e -> ui.access(this::showProblem));
  }

  private void showPeriod(UI ui) {
    History.Periods all = periods;
    Scope s = scope;
    BackendCredential who = as;
    if (all == null || s == null) {
      return;
    }
    History.Period p =
        all.periods().stream().filter(x -> x.name().equals(period)).findFirst().orElse(null);
    if (p == null) {
      return;
    }
    problem.setVisible(false);
    range.setText(
        getTranslation(
            "history.range",
            formats.date(p.from()),
            formats.date(p.to()),
            formats.date(p.previousFrom()),
            formats.date(p.previousTo())));
    History.Figures now = p.figures();
    History.Figures before = p.previous();
    Kpi.set(csi, formats.score(now.csi()));
    csiBefore.setText(
        previous(
            before == null ? null : formats.score(before.csi()),
            p.csiChange(),
            p.csiSignificant()));
    Kpi.set(nps, now.nps() == null ? Formats.NONE : formats.signed(now.nps()));
    npsBefore.setText(
        previous(
            before == null || before.nps() == null ? null : formats.signed(before.nps()),
            p.npsChange(),
            p.npsSignificant()));
    Kpi.set(responses, formats.count(now.responses()));
    responsesBefore.setText(
        before == null
            ? getTranslation("history.no-previous")
            : getTranslation("history.previous", formats.count(before.responses())));
    // The chart covers both periods, up to the 13 months the backend keeps.
    LocalDate to = p.to();
    LocalDate from = p.previousFrom();
    if (from.isBefore(to.minusMonths(13))) {
      from = to.minusMonths(13);
    }
    String granularity = ChronoUnit.DAYS.between(from, to) > MAX_DAILY_POINTS ? "week" : "day";
    cancel();
    loading =
        backend
            .history(who, s, granularity, from, to)
            .subscribe(
                series -> ui.access(() -> chart.show(series, formats)),
                e -> ui.access(this::showProblem));
  }

  /** "before: 76.4 (+3.8, significant)" — or why there is nothing to compare with. */
  private String previous(
      @Nullable String value, @Nullable Double change, @Nullable Boolean significant) {
    if (value == null) {
      return getTranslation("history.no-previous");
    }
    if (change == null) {
      return getTranslation("history.previous", value);
    }
    String verdict =
        significant == null
            ? getTranslation("history.too-few")
            : significant
                ? getTranslation("history.significant")
                : getTranslation("history.not-significant");
    return getTranslation("history.previous-change", value, formats.signed(change), verdict);
  }

  private void showProblem() {
    problem.setText(getTranslation("history.unavailable"));
    problem.setVisible(true);
  }

  private void cancel() {
    Disposable d = loading;
    if (d != null) {
      d.dispose();
    }
  }

  @Override
  protected void onDetach(DetachEvent event) {
    cancel();
  }
}
