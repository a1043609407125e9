package io.pulse.ui.dealer;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.progressbar.ProgressBar;
import io.pulse.api.Analytics.StageRow;
import io.pulse.ui.base.Formats;
import io.pulse.ui.base.Labels;
import java.util.List;

/** Responses and CSI at each stage of the customer journey, in journey order. */
class StagePanel extends Div {

  private final Div rows = new Div();

  StagePanel() {
    addClassNames("pulse-card", "pulse-stages");
    setId("stages");
    add(new H2(getTranslation("stages.title")), rows);
  }

  private String dealerId = "";

  /** The dealer whose stages these are: each row links to its comments. */
  void forDealer(String id) {
    this.dealerId = id;
  }

  void show(List<StageRow> stages, Formats formats) {
    rows.removeAll();
    for (StageRow s : stages) {
      Div row = new Div();
      row.addClassName("pulse-stage");
      row.setId("stage-" + s.stage());
      Span name = new Span(Labels.of(this, "stage", s.stage()));
      name.addClassName("pulse-stage-name");
      ProgressBar bar = new ProgressBar(0, 100, s.csi() == null ? 0 : Math.max(0, s.csi()));
      bar.addClassName("pulse-stage-bar");
      Span figures =
          new Span(
              getTranslation(
                  "stages.figures", formats.score(s.csi()), formats.count(s.responses())));
      figures.addClassName("pulse-stage-figures");
      row.add(
          name,
          bar,
          figures,
          CommentsLink.toStage(dealerId, s.stage().name(), getTranslation("cabinet.comments")));
      if (s.lowSample()) {
        Icon icon = VaadinIcon.EXCLAMATION_CIRCLE_O.create();
        icon.getElement().setAttribute("aria-hidden", "true");
        Span flag = new Span(icon, new Span(getTranslation("stages.low-sample")));
        flag.addClassNames("pulse-badge", "warning", "small");
        row.add(flag);
      }
      rows.add(row);
    }
  }
}
