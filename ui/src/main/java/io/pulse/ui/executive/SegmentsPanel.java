package io.pulse.ui.executive;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import io.pulse.api.Segment;
import io.pulse.ui.base.Formats;
import io.pulse.ui.base.Labels;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** How many dealers are benchmark, weak, low-engagement or stable, with what each means. */
class SegmentsPanel extends Div {

  private static final List<Segment> ORDER =
      List.of(Segment.BENCHMARK, Segment.WEAK, Segment.LOW_ENGAGEMENT, Segment.STABLE);
  private final Div tiles = new Div();

  SegmentsPanel() {
    addClassNames("pulse-card", "pulse-segments");
    setId("segments");
    tiles.addClassName("pulse-tiles");
    add(new H2(getTranslation("segments.title")), tiles);
  }

  void show(Map<Segment, Long> counts, Formats formats) {
    tiles.removeAll();
    for (Segment segment : ORDER) {
      Div tile = new Div();
      tile.addClassNames("pulse-tile", segment.name().toLowerCase(Locale.ROOT));
      tile.setId("segment-" + segment);
      Icon icon =
          (switch (segment) {
                case BENCHMARK -> VaadinIcon.TROPHY;
                case WEAK -> VaadinIcon.WARNING;
                case LOW_ENGAGEMENT -> VaadinIcon.COMMENT_ELLIPSIS_O;
                case STABLE -> VaadinIcon.SCALE;
              })
              .create();
      icon.getElement().setAttribute("aria-hidden", "true");
      Span count = new Span(formats.count(counts.getOrDefault(segment, 0L)));
      count.addClassName("pulse-tile-count");
      Span name = new Span(Labels.of(this, "segment", segment));
      name.addClassName("pulse-tile-name");
      Paragraph meaning = new Paragraph(getTranslation("segment-help." + segment));
      meaning.addClassName("pulse-muted");
      tile.add(icon, count, name, meaning);
      tiles.add(tile);
    }
  }
}
