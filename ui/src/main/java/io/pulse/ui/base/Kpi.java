package io.pulse.ui.base;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import java.util.Objects;

/** The headline number cards of the cabinet and the dashboards: one look, one flash rule. */
public final class Kpi {

  private Kpi() {}

  /** A card: its title above the parts (value, details…). */
  public static Div card(String id, String title, Component... parts) {
    Div card = new Div();
    card.setId("headline-" + id);
    card.addClassNames("pulse-card", "pulse-kpi");
    Span label = new Span(title);
    label.addClassName("pulse-kpi-label");
    card.add(label);
    card.add(parts);
    return card;
  }

  /** The big number of a card. */
  public static Span value(String id) {
    return span(id, "pulse-kpi-value");
  }

  /** A line under the number (margin, interval, split). */
  public static Span detail(String id) {
    return span(id, "pulse-kpi-detail");
  }

  /** Shows {@code text}, flashing it when it replaces another number (not the first one). */
  public static void set(Span span, String text) {
    if (!Objects.equals(span.getText(), text)) {
      boolean first = span.getText() == null || span.getText().isEmpty();
      span.setText(text);
      if (!first) {
        Flash.changed(span);
      }
    }
  }

  /** The low-sample badge: shown, with its icon, only when there are too few responses. */
  public static void lowSample(Span badge, boolean low, String text) {
    badge.removeAll();
    if (low) {
      Icon icon = VaadinIcon.EXCLAMATION_CIRCLE_O.create();
      icon.getElement().setAttribute("aria-hidden", "true");
      badge.add(icon, new Span(text));
    }
    badge.setVisible(low);
  }

  private static Span span(String id, String className) {
    Span s = new Span();
    s.setId(id);
    s.addClassName(className);
    return s;
  }
}
