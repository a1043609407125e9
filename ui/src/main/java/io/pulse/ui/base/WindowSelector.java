package io.pulse.ui.base;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.tabs.Tab;
import com.vaadin.flow.component.tabs.Tabs;
import com.vaadin.flow.router.BeforeEnterEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Picks the trailing window the figures are over: 1 h, 24 h, 7 d or 30 d. */
public class WindowSelector extends Composite<Tabs> {

  /** The backend's default windows (docs/api.md), shortest first. */
  public static final List<String> WINDOWS = List.of("1h", "24h", "7d", "30d");

  private final Map<Tab, String> windows = new LinkedHashMap<>();
  private String value;

  public WindowSelector(String initial, Consumer<String> onChange) {
    this.value = WINDOWS.contains(initial) ? initial : "24h";
    Tabs tabs = getContent();
    tabs.setId("window-selector");
    tabs.addClassName("pulse-windows");
    tabs.getElement().setAttribute("aria-label", getTranslation("window.label"));
    for (String w : WINDOWS) {
      Tab tab = new Tab(getTranslation("window." + w));
      tab.setId("window-" + w);
      windows.put(tab, w);
      tabs.add(tab);
      if (w.equals(value)) {
        tabs.setSelectedTab(tab);
      }
    }
    tabs.addSelectedChangeListener(e -> {
      String selected = windows.get(e.getSelectedTab());
      if (selected != null && !selected.equals(value)) {
        value = selected;
        onChange.accept(selected);
      }
    });
  }

  /**
   * The window the address asks for ({@code ?window=}), or {@code fallback} when it is none of
   * {@link #WINDOWS}.
   */
  public static String of(BeforeEnterEvent event, String fallback) {
    return event
        .getLocation()
        .getQueryParameters()
        .getParameters()
        .getOrDefault("window", List.of())
        .stream()
        .filter(WINDOWS::contains)
        .findFirst()
        .orElse(fallback);
  }

  public String value() {
    return value;
  }
}
