package io.pulse.ui.base;

import static io.pulse.ui.base.EChart.obj;

import com.vaadin.flow.component.Composite;
import io.pulse.api.History;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A scope's CSI over days or weeks: the CSI as a line inside its 95 % interval (a shaded band), and
 * the responses as bars on their own axis. Days without answers leave a gap, not a zero.
 */
public class TrendChart extends Composite<EChart> {

  private static final String BAND = "band";

  public TrendChart() {
    getContent().setId("trend-chart");
    getContent().setHeight("300px");
  }

  /** Draws {@code series}; dates are labelled in the person's locale. */
  public void show(History.Series series, Formats formats) {
    List<String> labels = new ArrayList<>();
    List<@Nullable Double> csi = new ArrayList<>();
    List<@Nullable Double> low = new ArrayList<>();
    List<@Nullable Double> width = new ArrayList<>();
    List<Long> responses = new ArrayList<>();
    for (History.Point p : series.points()) {
      labels.add(formats.date(p.start()));
      History.Figures f = p.figures();
      csi.add(f.csi());
      boolean interval = f.csiLow() != null && f.csiHigh() != null;
      low.add(interval ? Math.max(0, f.csiLow()) : null);
      width.add(interval ? Math.min(100, f.csiHigh()) - Math.max(0, f.csiLow()) : null);
      responses.add(f.responses());
    }
    String csiName = getTranslation("chart.csi");
    String intervalName = getTranslation("chart.interval");
    String responsesName = getTranslation("chart.responses");
    List<Object> lines = new ArrayList<>();
    // The band is two stacked lines: an invisible one up to the low end, and the interval's
    // width on top of it with its area filled.
    lines.add(line("interval-low", low, obj("opacity", 0), null, BAND));
    lines.add(
        line(
            intervalName,
            width,
            obj("opacity", 0),
            obj("color", "#60a5fa", "opacity", 0.35),
            BAND));
    lines.add(
        obj(
            "name",
            csiName,
            "type",
            "line",
            "data",
            csi,
            "showSymbol",
            csi.size() <= 45,
            "connectNulls",
            false,
            "lineStyle",
            obj("color", "#1d4ed8", "width", 2),
            "itemStyle",
            obj("color", "#1d4ed8"),
            "z",
            3));
    lines.add(
        obj(
            "name",
            responsesName,
            "type",
            "bar",
            "yAxisIndex",
            1,
            "data",
            responses,
            "itemStyle",
            obj("color", "#d1d5db"),
            "barMaxWidth",
            14,
            "z",
            1));
    Map<String, Object> option =
        obj(
            "animation", false,
            "grid", obj("left", 8, "right", 8, "top", 32, "bottom", 24, "containLabel", true),
            "legend", obj("top", 0, "data", List.of(csiName, intervalName, responsesName)),
            "tooltip", obj("trigger", "axis"),
            "xAxis", obj("type", "category", "data", labels, "boundaryGap", true),
            "yAxis",
                List.of(
                    obj("type", "value", "min", 0, "max", 100, "name", csiName),
                    obj("type", "value", "name", responsesName, "splitLine", obj("show", false))),
            "series", lines);
    getContent().setOption(option);
  }

  private static Map<String, Object> line(
      String name,
      List<@Nullable Double> data,
      Map<String, Object> lineStyle,
      @Nullable Map<String, Object> areaStyle,
      String stack) {
    return obj(
        "name",
        name,
        "type",
        "line",
        "data",
        data,
        "stack",
        stack,
        "symbol",
        "none",
        "lineStyle",
        lineStyle,
        "areaStyle",
        areaStyle,
        // The legend's swatch takes the band's colour.
        "itemStyle",
        obj("color", "#60a5fa"),
        "tooltip",
        obj("show", false),
        "z",
        2);
  }
}
