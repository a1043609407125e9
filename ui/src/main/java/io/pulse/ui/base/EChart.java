package io.pulse.ui.base;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.DomEvent;
import com.vaadin.flow.component.EventData;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.HasStyle;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;
import com.vaadin.flow.shared.Registration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * An Apache ECharts chart ({@code <pulse-chart>}, frontend/pulse-chart.js). The option is the plain
 * ECharts option as JSON; where ECharts wants a function, the web component offers named ones
 * ({@code "renderItem": "errorBarX"}). Give it an explicit height: a flex layout may leave it 0.
 */
@Tag("pulse-chart")
@NpmPackage(value = "echarts", version = "6.1.0")
@JsModule("./pulse-chart.js")
public class EChart extends Component implements HasSize, HasStyle {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private @Nullable String optionJson;

  public EChart() {
    setWidthFull();
  }

  /** Replaces the chart's option (ECharts {@code setOption} with {@code notMerge}). */
  public void setOption(Map<String, ?> option) {
    String json = JSON.writeValueAsString(option);
    if (json.equals(optionJson)) {
      return;
    }
    optionJson = json;
    // A property, not a JS call: it survives the element being defined after it was set.
    getElement().setProperty("option", json);
  }

  /** An option object from alternating keys and values, in order (nulls are left out). */
  public static Map<String, Object> obj(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
      if (keysAndValues[i + 1] != null) {
        map.put((String) keysAndValues[i], keysAndValues[i + 1]);
      }
    }
    return map;
  }

  /** The option last set, as JSON (for tests). */
  public @Nullable String optionJson() {
    return optionJson;
  }

  public Registration addChartClickListener(ComponentEventListener<ChartClickEvent> listener) {
    return addListener(ChartClickEvent.class, listener);
  }

  /** A click on a data item; {@code id} is the item's {@code id} field when the option gave one. */
  @DomEvent("pulse-chart-click")
  public static class ChartClickEvent extends ComponentEvent<EChart> {

    private final @Nullable String id;
    private final @Nullable String name;

    public ChartClickEvent(
        EChart source,
        boolean fromClient,
        @EventData("event.detail.id") @Nullable String id,
        @EventData("event.detail.name") @Nullable String name) {
      super(source, fromClient);
      this.id = id;
      this.name = name;
    }

    public @Nullable String id() {
      return id;
    }

    public @Nullable String name() {
      return name;
    }
  }
}
