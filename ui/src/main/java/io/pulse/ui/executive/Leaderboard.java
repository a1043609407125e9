package io.pulse.ui.executive;

import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import io.pulse.ui.base.Formats;
import io.pulse.ui.base.Labels;
import io.pulse.ui.dealer.DealerCabinetView;
import java.util.List;

/** Dealers ranked by shrunk CSI, low-sample ones flagged in words; a dealer opens its cabinet. */
class Leaderboard extends Div {

  private final Grid<LeaderRow> grid = new Grid<>();
  private final Paragraph note = new Paragraph();
  private Formats formats;

  Leaderboard(String id, Formats initial) {
    this.formats = initial;
    addClassNames("pulse-card", "pulse-leaderboard");
    setId(id);
    note.addClassName("pulse-muted");
    grid.setId(id + "-grid");
    grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
    // A dealer without answers has no rank: a dash, at the end of the list.
    grid.addColumn(r -> r.rank() == null ? "\u2014" : Integer.toString(r.rank()))
        .setHeader("#")
        .setWidth("4rem")
        .setFlexGrow(0);
    grid.addComponentColumn(
            r -> {
              RouterLink link =
                  new RouterLink(
                      r.dealerName(),
                      DealerCabinetView.class,
                      new RouteParameters("dealerId", r.dealerId()));
              link.addClassName("dealer-link");
              link.getElement().setAttribute("data-dealer", r.dealerId());
              return link;
            })
        .setHeader(getTranslation("leaderboard.dealer"))
        .setFlexGrow(3);
    grid.addColumn(LeaderRow::regionName)
        .setHeader(getTranslation("leaderboard.region"))
        .setFlexGrow(2);
    grid.addColumn(r -> formats.score(r.shrunkCsi()))
        .setHeader(getTranslation("leaderboard.shrunk-csi"))
        .setTextAlign(ColumnTextAlign.END);
    grid.addColumn(r -> formats.score(r.csi()))
        .setHeader(getTranslation("leaderboard.csi"))
        .setTextAlign(ColumnTextAlign.END);
    grid.addComponentColumn(this::responses)
        .setHeader(getTranslation("leaderboard.responses"))
        .setTextAlign(ColumnTextAlign.END)
        .setFlexGrow(2);
    grid.addColumn(r -> r.segment() == null ? "" : Labels.of(this, "segment", r.segment()))
        .setHeader(getTranslation("leaderboard.segment"));
    grid.addColumn(r -> r.trend() == null ? "" : Labels.of(this, "trend", r.trend()))
        .setHeader(getTranslation("leaderboard.trend"));
    grid.addColumn(r ->
            String.join(", ", r.flags().stream().map(f -> Labels.of(this, "flag", f)).toList()))
        .setHeader(getTranslation("leaderboard.flags"))
        .setFlexGrow(2);
    add(new H2(getTranslation("leaderboard.title")), note, grid);
  }

  void show(List<LeaderRow> rows, String explanation, Formats newFormats) {
    this.formats = newFormats;
    note.setText(explanation);
    grid.setItems(rows);
    // A short list as tall as it needs; a long one scrolls inside the grid.
    boolean few = rows.size() <= 15;
    grid.setAllRowsVisible(few);
    grid.setHeight(few ? null : "480px");
  }

  List<LeaderRow> rows() {
    return grid.getListDataView().getItems().toList();
  }

  private Span responses(LeaderRow r) {
    Span s = new Span(formats.count(r.responses()));
    if (r.lowSample()) {
      Icon icon = VaadinIcon.EXCLAMATION_CIRCLE_O.create();
      icon.getElement().setAttribute("aria-hidden", "true");
      Span flag = new Span(icon, new Span(getTranslation("leaderboard.low-sample")));
      flag.addClassNames("pulse-badge", "warning", "small", "low-sample");
      s.add(new Span(" "), flag);
    }
    return s;
  }
}
