package io.pulse.ui.dealer;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.progressbar.ProgressBarVariant;
import io.pulse.api.Analytics.DealerAnalysis;
import io.pulse.api.Analytics.ParameterRow;
import io.pulse.ui.base.Formats;
import io.pulse.ui.base.Labels;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The seven parameters as bars against the benchmark (by default the dealer's region): strengths
 * green, weak points red, the rest grey, each with an icon, a verdict word and the backend's reason
 * sentence, so colour is never the only sign.
 */
class ParameterPanel extends Div {

  private final Paragraph benchmark = new Paragraph();
  private final Div rows = new Div();
  private final Map<String, String> shown = new HashMap<>();

  ParameterPanel() {
    addClassNames("pulse-card", "pulse-parameters");
    setId("parameters");
    benchmark.addClassName("pulse-muted");
    rows.addClassName("pulse-parameter-rows");
    add(new H2(getTranslation("parameters.title")), benchmark, rows);
  }

  void show(DealerAnalysis analysis, Formats formats) {
    String name =
        analysis.benchmark().name() == null
            ? analysis.benchmark().id()
            : analysis.benchmark().name();
    benchmark.setText(
        getTranslation(
            "parameters.benchmark",
            Labels.of(this, "benchmark", analysis.benchmark().kind()),
            Objects.requireNonNullElse(name, "")));
    List<ParameterRow> ordered =
        analysis.parameters().stream()
            .sorted(
                Comparator.comparingInt(ParameterPanel::order)
                    .thenComparing(ParameterRow::parameter))
            .toList();
    // Rebuilt only when something a person would see differs, so the page does not flicker.
    Map<String, String> next = new HashMap<>();
    ordered.forEach(p -> next.put(p.parameter(), p.toString()));
    if (next.equals(shown)) {
      return;
    }
    shown.clear();
    shown.putAll(next);
    rows.removeAll();
    ordered.forEach(p -> rows.add(row(p, formats)));
  }

  /** Weak points first: they are what a manager acts on; then strengths, then the rest by rank. */
  private static int order(ParameterRow p) {
    return p.isWeakPoint() ? 0 : p.isStrength() ? 1 : 2 + p.rank();
  }

  private Div row(ParameterRow p, Formats formats) {
    Div row = new Div();
    row.setId("param-" + p.parameter());
    row.addClassName("pulse-parameter");
    row.getElement().setAttribute("data-verdict", p.verdict().name());
    String kind = p.isWeakPoint() ? "weak" : p.isStrength() ? "strength" : "neutral";
    row.addClassName(kind);

    Icon icon =
        (p.isWeakPoint()
                ? VaadinIcon.WARNING
                : p.isStrength() ? VaadinIcon.CHECK_CIRCLE : VaadinIcon.MINUS_CIRCLE_O)
            .create();
    icon.addClassName("pulse-verdict-icon");
    icon.getElement().setAttribute("aria-hidden", "true");
    Span label = new Span(Labels.of(this, "parameter", p.parameter()));
    label.addClassName("pulse-parameter-label");
    Span verdict = new Span(getTranslation("verdict." + p.verdict().name()));
    verdict.addClassNames("pulse-badge", "pulse-verdict", kind);
    Span numbers =
        new Span(
            getTranslation(
                "parameters.numbers",
                formats.score(p.score()),
                formats.score(p.benchmark()),
                formats.signed(p.delta()),
                formats.count(p.answers())));
    numbers.addClassName("pulse-parameter-numbers");
    Div head = new Div(icon, label, verdict, numbers);
    head.addClassName("pulse-parameter-head");

    ProgressBar bar = new ProgressBar(0, 100, p.score() == null ? 0 : clamp(p.score()));
    bar.addThemeVariants(
        p.isWeakPoint()
            ? ProgressBarVariant.LUMO_ERROR
            : p.isStrength() ? ProgressBarVariant.LUMO_SUCCESS : ProgressBarVariant.LUMO_CONTRAST);
    bar.getElement()
        .setAttribute(
            "aria-label",
            Labels.of(this, "parameter", p.parameter()) + " " + formats.score(p.score()));
    Div track = new Div(bar);
    track.addClassName("pulse-bar-track");
    if (p.benchmark() != null) {
      Div marker = new Div();
      marker.addClassName("pulse-benchmark-marker");
      marker.getStyle().set("left", clamp(p.benchmark()) + "%");
      marker.getElement().setAttribute("title", formats.score(p.benchmark()));
      track.add(marker);
    }
    // The backend's sentence, in the session's language: plain text, never HTML.
    Paragraph reason = new Paragraph(p.sentence());
    reason.addClassName("pulse-reason");
    row.add(head, track, reason);
    return row;
  }

  private static double clamp(double v) {
    return Math.max(0, Math.min(100, v));
  }
}
