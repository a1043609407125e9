package io.pulse.ui.executive;

import static io.pulse.ui.base.EChart.obj;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import io.pulse.api.Analytics.DriverReport;
import io.pulse.api.KeyDriver;
import io.pulse.ui.base.EChart;
import io.pulse.ui.base.Formats;
import io.pulse.ui.base.Labels;
import java.util.ArrayList;
import java.util.List;

/**
 * Key drivers as a quadrant: how strongly each parameter moves the willingness to recommend
 * (importance, up) against how the brand does on it versus the network (gap, right). The top-left
 * quadrant is "fix first"; the list beside names those parameters in words.
 */
class DriverChart extends Div {

  private final EChart chart = new EChart();
  private final UnorderedList fixFirst = new UnorderedList();
  private final Paragraph note = new Paragraph();

  DriverChart() {
    addClassNames("pulse-card", "pulse-drivers");
    setId("drivers");
    chart.setId("driver-chart");
    chart.setHeight("340px");
    fixFirst.setId("fix-first");
    note.addClassName("pulse-muted");
    add(new H2(getTranslation("drivers.title")), note, chart, fixFirst);
  }

  void show(DriverReport report, Formats formats) {
    List<KeyDriver> trusted =
        report.drivers().stream().filter(d -> d.importance() != null && d.gap() != null).toList();
    note.setText(getTranslation("drivers.note"));
    double median = median(trusted.stream().map(KeyDriver::importance).toList());
    List<Object> points = new ArrayList<>();
    for (KeyDriver d : trusted) {
      String color =
          switch (d.quadrant()) {
            case FIX_FIRST -> "#dc2626";
            case KEEP_UP -> "#16a34a";
            case MONITOR -> "#d97706";
            case SECONDARY, UNKNOWN -> "#6b7280";
          };
      points.add(
          obj(
              "name", Labels.of(this, "parameter", d.parameter()),
              "id", d.parameter().name(),
              "value", List.of(round(d.gap()), round(d.importance())),
              "symbol", d.quadrant() == KeyDriver.Quadrant.FIX_FIRST ? "diamond" : "circle",
              "itemStyle", obj("color", color)));
    }
    double maxGap =
        Math.max(5, trusted.stream().mapToDouble(d -> Math.abs(d.gap())).max().orElse(5) * 1.2);
    chart.setOption(
        obj(
            "animation", false,
            "grid", obj("left", 50, "right", 30, "top", 30, "bottom", 50),
            "tooltip", obj("trigger", "item", "formatter", "{b}: {c}"),
            "xAxis",
                obj(
                    "type",
                    "value",
                    "name",
                    getTranslation("drivers.gap"),
                    "nameLocation",
                    "middle",
                    "nameGap",
                    28,
                    "min",
                    -Math.ceil(maxGap),
                    "max",
                    Math.ceil(maxGap)),
            "yAxis",
                obj(
                    "type",
                    "value",
                    "name",
                    getTranslation("drivers.importance"),
                    "min",
                    0,
                    "max",
                    1),
            "series",
                List.of(
                    obj(
                        "type",
                        "scatter",
                        "symbolSize",
                        16,
                        "data",
                        points,
                        "label",
                        obj("show", true, "formatter", "{b}", "position", "right"),
                        "markLine",
                        obj(
                            "symbol",
                            "none",
                            "silent",
                            true,
                            "lineStyle",
                            obj("color", "#9ca3af", "type", "dashed"),
                            "data",
                            List.of(obj("xAxis", 0), obj("yAxis", round(median)))),
                        "markArea",
                        obj(
                            "silent", true,
                            "itemStyle", obj("color", "rgba(220,38,38,0.07)"),
                            "label", obj("position", "insideTopLeft", "color", "#b91c1c"),
                            "data",
                                List.of(
                                    List.of(
                                        obj(
                                            "name", getTranslation("quadrant.FIX_FIRST"),
                                            "coord", List.of(-Math.ceil(maxGap), 1)),
                                        obj("coord", List.of(0, round(median))))))))));
    fixFirst.removeAll();
    for (KeyDriver d : report.drivers()) {
      Icon icon =
          (d.quadrant() == KeyDriver.Quadrant.FIX_FIRST
                  ? VaadinIcon.WRENCH
                  : VaadinIcon.CIRCLE_THIN)
              .create();
      icon.getElement().setAttribute("aria-hidden", "true");
      Span text =
          new Span(
              getTranslation(
                  "drivers.row",
                  Labels.of(this, "parameter", d.parameter()),
                  Labels.of(this, "quadrant", d.quadrant()),
                  d.importance() == null ? Formats.NONE : formats.score(d.importance() * 100),
                  formats.signed(d.gap())));
      ListItem item = new ListItem(icon, text);
      item.addClassName(d.quadrant() == KeyDriver.Quadrant.FIX_FIRST ? "fix-first" : "other");
      fixFirst.add(item);
    }
  }

  private static double median(List<Double> values) {
    if (values.isEmpty()) {
      return 0.5;
    }
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
