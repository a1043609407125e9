package io.pulse.ui.executive;

import static io.pulse.ui.base.EChart.obj;

import com.vaadin.flow.component.Composite;
import io.pulse.api.Analytics.RegionComparison;
import io.pulse.api.Analytics.RegionRow;
import io.pulse.ui.base.EChart;
import io.pulse.ui.base.Formats;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A brand's regions compared: CSI bars with their 95 % interval as error bars and the brand's CSI
 * as a line; low-sample regions in grey and marked in the label. Clicking a region drills down.
 */
class RegionChart extends Composite<EChart> {

  private static final int ROW_PX = 26;

  RegionChart(Consumer<String> onRegion) {
    getContent().setId("region-chart");
    getContent().setHeight("320px");
    getContent()
        .addChartClickListener(e -> {
          if (e.id() != null) {
            onRegion.accept(e.id());
          }
        });
  }

  void show(RegionComparison comparison, Formats formats) {
    List<RegionRow> rows = comparison.regions().stream().filter(r -> r.csi() != null).toList();
    List<String> names = new ArrayList<>();
    List<Object> bars = new ArrayList<>();
    List<Object> intervals = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      RegionRow r = rows.get(i);
      String name =
          r.region().label()
              + (r.lowSample() ? " (" + getTranslation("chart.low-sample-short") + ")" : "");
      names.add(name);
      bars.add(
          obj(
              "value", r.csi(),
              "id", r.region().id(),
              "itemStyle", obj("color", r.lowSample() ? "#9ca3af" : "#2563eb")));
      if (r.csiLow() != null && r.csiHigh() != null) {
        intervals.add(List.of(i, r.csiLow(), r.csiHigh()));
      }
    }
    List<Object> series = new ArrayList<>();
    series.add(
        obj(
            "name",
            getTranslation("chart.csi"),
            "type",
            "bar",
            "data",
            bars,
            "barMaxWidth",
            18,
            "label",
            obj("show", true, "position", "insideRight", "color", "#fff", "fontSize", 10),
            "markLine",
            comparison.brandCsi() == null
                ? null
                : obj(
                    "symbol", "none",
                    "label", obj("formatter", getTranslation("chart.brand-csi") + " {c}"),
                    "lineStyle", obj("color", "#111827", "type", "dashed"),
                    "data", List.of(obj("xAxis", round(comparison.brandCsi()))))));
    series.add(
        obj(
            "name",
            getTranslation("chart.interval"),
            "type",
            "custom",
            "renderItem",
            "errorBarX",
            "encode",
            obj("x", List.of(1, 2), "y", 0),
            "data",
            intervals,
            "z",
            10));
    Map<String, Object> option =
        obj(
            "animation", false,
            "grid", obj("left", 8, "right", 24, "top", 28, "bottom", 24, "containLabel", true),
            "legend",
                obj(
                    "top",
                    0,
                    "data",
                    List.of(getTranslation("chart.csi"), getTranslation("chart.interval"))),
            "tooltip", obj("trigger", "item"),
            "xAxis",
                obj("type", "value", "min", 0, "max", 100, "name", getTranslation("chart.csi")),
            "yAxis",
                obj(
                    "type",
                    "category",
                    "data",
                    names,
                    "inverse",
                    true,
                    "axisLabel",
                    obj("fontSize", 11)),
            "series", series);
    getContent().setHeight(Math.max(200, rows.size() * ROW_PX + 70) + "px");
    getContent().setOption(option);
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }
}
