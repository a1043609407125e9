package io.pulse.ui.base;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import io.pulse.ui.backend.Connection;

/**
 * Says whether the numbers on screen are live: "Live", "Reconnecting…", "Live updates paused —
 * reconnecting" (the backend's live path is recovering), or "Backend unreachable — data as of
 * 14:03:27". Icon, text and colour together, never colour alone.
 */
public class ConnectionBadge extends Composite<Span> {

  private final Span text = new Span();

  public ConnectionBadge() {
    getContent().addClassNames("pulse-badge", "pulse-connection");
    getContent().setId("connection-state");
    getContent().getElement().setAttribute("role", "status");
    getContent().getElement().setAttribute("aria-live", "polite");
    text.addClassName("pulse-connection-text");
  }

  /** Shows {@code connection}, times in {@code formats}' zone. */
  public void show(Connection connection, Formats formats) {
    Span root = getContent();
    root.removeAll();
    root.removeClassNames("live", "reconnecting", "stale", "connecting", "paused");
    Icon icon;
    switch (connection.state()) {
      case LIVE -> {
        icon = VaadinIcon.CIRCLE.create();
        root.addClassName("live");
        text.setText(getTranslation("connection.live"));
      }
      case RECONNECTING -> {
        icon = VaadinIcon.REFRESH.create();
        root.addClassName("reconnecting");
        text.setText(getTranslation("connection.reconnecting"));
      }
      case PAUSED -> {
        icon = VaadinIcon.PAUSE.create();
        root.addClassName("paused");
        text.setText(getTranslation("connection.paused"));
      }
      case STALE -> {
        icon = VaadinIcon.WARNING.create();
        root.addClassName("stale");
        text.setText(
            connection.lastLiveAt() == null
                ? getTranslation("connection.unreachable")
                : getTranslation("connection.stale", formats.time(connection.lastLiveAt())));
      }
      default -> {
        icon = VaadinIcon.HOURGLASS.create();
        root.addClassName("connecting");
        text.setText(getTranslation("connection.connecting"));
      }
    }
    icon.addClassName("pulse-badge-icon");
    icon.getElement().setAttribute("aria-hidden", "true");
    root.getElement().setAttribute("data-state", connection.state().name());
    root.add(icon, text);
  }
}
