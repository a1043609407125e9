package io.pulse.ui.dealer;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import io.pulse.api.IndexView;
import io.pulse.api.Trend;
import io.pulse.ui.base.Formats;
import io.pulse.ui.base.Kpi;

/**
 * The headline figures: CSI with its trend and 95 % interval, NPS ± margin with the promoters /
 * passives / detractors split, responses and the low-sample flag. A number that changes flashes.
 */
class HeadlinePanel extends Div {

  private final Span csi = Kpi.value("csi-value");
  private final Span csiInterval = Kpi.detail("csi-interval");
  private final Span trend = new Span();
  private final Span nps = Kpi.value("nps-value");
  private final Span npsMargin = Kpi.detail("nps-margin");
  private final Div split = new Div();
  private final Span splitText = Kpi.detail("nps-split");
  private final Span responses = Kpi.value("responses-value");
  private final Span lowSample = new Span();

  HeadlinePanel() {
    addClassName("pulse-headline");
    trend.setId("csi-trend");
    trend.addClassName("pulse-trend");
    split.addClassName("pulse-split");
    split.setId("nps-split-bar");
    lowSample.setId("low-sample");
    lowSample.addClassNames("pulse-badge", "warning");
    lowSample.setVisible(false);
    add(
        Kpi.card("csi", getTranslation("headline.csi"), csi, csiInterval, trend),
        Kpi.card("nps", getTranslation("headline.nps"), nps, npsMargin, split, splitText),
        Kpi.card("responses", getTranslation("headline.responses"), responses, lowSample));
  }

  void show(IndexView f, Formats formats) {
    Kpi.set(csi, formats.score(f.csi()));
    csiInterval.setText(
        f.csiLow() == null || f.csiHigh() == null
            ? ""
            : getTranslation(
                "headline.csi-interval", formats.score(f.csiLow()), formats.score(f.csiHigh())));
    IndexView.Nps n = f.nps();
    Kpi.set(nps, n.score() == null ? Formats.NONE : formats.signed(n.score()));
    npsMargin.setText(
        n.low() == null || n.high() == null
            ? getTranslation("headline.nps-no-answers")
            : getTranslation(
                "headline.nps-margin",
                formats.signed(n.low()),
                formats.signed(n.high()),
                formats.count(n.answers())));
    showSplit(n, formats);
    Kpi.set(responses, formats.count(f.responses()));
    Kpi.lowSample(lowSample, f.lowSample(), getTranslation("headline.low-sample"));
  }

  /** The trend (7 days against 30), from the dealer's analysis: it moves slowly. */
  void showTrend(Trend t) {
    trend.removeAll();
    VaadinIcon icon =
        switch (t) {
          case IMPROVING -> VaadinIcon.ARROW_UP;
          case DECLINING -> VaadinIcon.ARROW_DOWN;
          case FLAT -> VaadinIcon.ARROW_RIGHT;
          case UNKNOWN -> VaadinIcon.QUESTION_CIRCLE_O;
        };
    Icon i = icon.create();
    i.getElement().setAttribute("aria-hidden", "true");
    trend.getElement().setAttribute("data-trend", t.name());
    trend.add(i, new Span(getTranslation("trend." + t.name())));
  }

  private void showSplit(IndexView.Nps n, Formats formats) {
    split.removeAll();
    long total = Math.max(1, n.answers());
    split.add(
        segment("promoters", n.promoters(), total),
        segment("passives", n.passives(), total),
        segment("detractors", n.detractors(), total));
    splitText.setText(
        getTranslation(
            "headline.nps-split",
            formats.count(n.promoters()),
            formats.count(n.passives()),
            formats.count(n.detractors())));
  }

  private static Div segment(String kind, long count, long total) {
    Div d = new Div();
    d.addClassNames("pulse-split-part", kind);
    d.getStyle().set("flex-grow", Long.toString(count));
    d.getElement().setAttribute("title", kind + ": " + count + "/" + total);
    d.setVisible(count > 0);
    return d;
  }
}
