package io.pulse.ui.executive;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import io.pulse.api.IndexView;
import io.pulse.ui.base.Formats;
import io.pulse.ui.base.Kpi;

/**
 * The live headline of a brand or brand × region: CSI with its interval, NPS ± margin, responses.
 */
class ScopeHeadline extends Div {

  private final Span csi = Kpi.value("scope-csi");
  private final Span csiInterval = Kpi.detail("scope-csi-interval");
  private final Span nps = Kpi.value("scope-nps");
  private final Span npsMargin = Kpi.detail("scope-nps-margin");
  private final Span responses = Kpi.value("scope-responses");
  private final Span lowSample = new Span();

  ScopeHeadline() {
    addClassName("pulse-headline");
    lowSample.addClassNames("pulse-badge", "warning");
    lowSample.setVisible(false);
    add(
        Kpi.card("scope-csi", getTranslation("headline.csi"), csi, csiInterval),
        Kpi.card("scope-nps", getTranslation("headline.nps"), nps, npsMargin),
        Kpi.card("scope-responses", getTranslation("headline.responses"), responses, lowSample));
  }

  void show(IndexView f, Formats formats) {
    Kpi.set(csi, formats.score(f.csi()));
    csiInterval.setText(
        f.csiLow() == null || f.csiHigh() == null
            ? ""
            : getTranslation(
                "headline.csi-interval", formats.score(f.csiLow()), formats.score(f.csiHigh())));
    Kpi.set(nps, f.nps().score() == null ? Formats.NONE : formats.signed(f.nps().score()));
    npsMargin.setText(
        f.nps().low() == null || f.nps().high() == null
            ? ""
            : getTranslation(
                "headline.nps-margin",
                formats.signed(f.nps().low()),
                formats.signed(f.nps().high()),
                formats.count(f.nps().answers())));
    Kpi.set(responses, formats.count(f.responses()));
    Kpi.lowSample(lowSample, f.lowSample(), getTranslation("headline.low-sample"));
  }
}
