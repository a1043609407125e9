package io.pulse.ui.dealer;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.progressbar.ProgressBarVariant;
import io.pulse.api.Analytics.BenchmarkRef;
import io.pulse.api.IndexView;
import io.pulse.api.StrengthVerdict;
import io.pulse.api.Verdict;
import io.pulse.ui.base.Formats;
import io.pulse.ui.base.Labels;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The seven parameters as bars against the benchmark (by default the dealer's region): strengths
 * green, weak points red, the rest grey, each with an icon, a verdict word and the backend's reason
 * sentence, so colour is never the only sign.
 */
class ParameterPanel extends Div {

  private final Paragraph benchmark = new Paragraph();
  private final Div rows = new Div();
  private List<Row> shown = List.of();

  ParameterPanel() {
    addClassNames("pulse-card", "pulse-parameters");
    setId("parameters");
    benchmark.addClassName("pulse-muted");
    rows.addClassName("pulse-parameter-rows");
    add(new H2(getTranslation("parameters.title")), benchmark, rows);
  }

  /** What the verdicts are against, from the dealer's analysis (its name rarely changes). */
  void showBenchmark(BenchmarkRef ref) {
    benchmark.setText(
        getTranslation(
            "parameters.benchmark",
            Labels.of(this, "benchmark", ref.kind()),
            Objects.requireNonNullElse(ref.name() == null ? ref.id() : ref.name(), "")));
  }

  /**
   * The parameters as the dealer's stream carries them: its scores and, computed once per change on
   * the backend, the verdicts against the region.
   */
  void show(IndexView figures, List<Verdict> verdicts, String language, Formats formats) {
    Map<String, IndexView.ParameterView> scores = new HashMap<>();
    figures.parameters().forEach(p -> scores.put(p.parameter(), p));
    List<Row> ordered =
        verdicts.stream()
            .map(v -> new Row(v, scores.get(v.parameter()), v.sentence(language)))
            .sorted(Comparator.comparingInt(Row::order).thenComparing(r -> r.verdict().parameter()))
            .toList();
    // Rebuilt only when something a person would see differs, so the page does not flicker.
    List<Row> next = List.copyOf(ordered);
    if (next.equals(shown)) {
      return;
    }
    shown = next;
    rows.removeAll();
    ordered.forEach(r -> rows.add(row(r, formats)));
  }

  /**
   * One parameter: the dealer's score and its verdict with the sentence in the session's language.
   */
  private record Row(Verdict verdict, IndexView.@Nullable ParameterView figure, String sentence) {

    boolean isWeakPoint() {
      return verdict.verdict() == StrengthVerdict.WEAK_POINT;
    }

    boolean isStrength() {
      return verdict.verdict() == StrengthVerdict.STRENGTH;
    }

    @Nullable Double score() {
      return figure == null ? null : figure.mean();
    }

    long answers() {
      return figure == null ? 0 : figure.answers();
    }

    /**
     * Weak points first: they are what a manager acts on; then strengths, then the rest by rank.
     */
    int order() {
      return isWeakPoint() ? 0 : isStrength() ? 1 : 2 + verdict.rank();
    }
  }

  private String dealerId = "";

  /** The dealer whose parameters these are: each row links to its low answers' comments. */
  void forDealer(String id) {
    this.dealerId = id;
  }

  private Div row(Row p, Formats formats) {
    Verdict v = p.verdict();
    Div row = new Div();
    row.setId("param-" + v.parameter());
    row.addClassName("pulse-parameter");
    row.getElement().setAttribute("data-verdict", v.verdict().name());
    String kind = p.isWeakPoint() ? "weak" : p.isStrength() ? "strength" : "neutral";
    row.addClassName(kind);

    Icon icon =
        (p.isWeakPoint()
                ? VaadinIcon.WARNING
                : p.isStrength() ? VaadinIcon.CHECK_CIRCLE : VaadinIcon.MINUS_CIRCLE_O)
            .create();
    icon.addClassName("pulse-verdict-icon");
    icon.getElement().setAttribute("aria-hidden", "true");
    Span label = new Span(Labels.of(this, "parameter", v.parameter()));
    label.addClassName("pulse-parameter-label");
    Span verdict = new Span(getTranslation("verdict." + v.verdict().name()));
    verdict.addClassNames("pulse-badge", "pulse-verdict", kind);
    Span numbers =
        new Span(
            getTranslation(
                "parameters.numbers",
                formats.score(p.score()),
                formats.score(v.benchmark()),
                formats.signed(v.delta()),
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
            Labels.of(this, "parameter", v.parameter()) + " " + formats.score(p.score()));
    Div track = new Div(bar);
    track.addClassName("pulse-bar-track");
    if (v.benchmark() != null) {
      Div marker = new Div();
      marker.addClassName("pulse-benchmark-marker");
      marker.getStyle().set("left", clamp(v.benchmark()) + "%");
      marker.getElement().setAttribute("title", formats.score(v.benchmark()));
      track.add(marker);
    }
    // The backend's sentence, in the session's language: plain text, never HTML.
    Paragraph reason = new Paragraph(p.sentence());
    reason.addClassName("pulse-reason");
    row.add(
        head,
        track,
        reason,
        CommentsLink.toLowAnswers(dealerId, v.parameter(), getTranslation("cabinet.low-comments")));
    return row;
  }

  private static double clamp(double v) {
    return Math.max(0, Math.min(100, v));
  }
}
