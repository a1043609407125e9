package io.pulse.ui.base;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.VaadinSession;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** The UI's languages, Russian and English, and how a session's one is chosen. */
public final class Languages {

  /** Russian. */
  public static final Locale RUSSIAN = Locale.of("ru", "RU");

  /** English. */
  public static final Locale ENGLISH = Locale.of("en", "GB");

  /** Every language the UI speaks, in the order the switcher shows them. */
  public static final List<Locale> ALL = List.of(ENGLISH, RUSSIAN);

  static final String SESSION_ATTRIBUTE = "pulse.locale";

  private Languages() {}

  /**
   * The supported locale closest to {@code requested}: Russian for any {@code ru}, else English.
   */
  public static Locale closest(@Nullable Locale requested) {
    return requested != null && "ru".equals(requested.getLanguage()) ? RUSSIAN : ENGLISH;
  }

  /** {@code ru} or {@code en}: the language the backend's sentences should be in. */
  public static String code(Locale locale) {
    return "ru".equals(locale.getLanguage()) ? "ru" : "en";
  }

  /** Switches this session to {@code locale}; the page reloads so everything is re-rendered. */
  public static void switchTo(UI ui, Locale locale) {
    VaadinSession session = ui.getSession();
    session.setAttribute(SESSION_ATTRIBUTE, closest(locale));
    session.setLocale(closest(locale));
    ui.setLocale(closest(locale));
    ui.getPage().reload();
  }

  /** The session's explicit choice, if any. */
  static @Nullable Locale chosen(VaadinSession session) {
    Object value = session.getAttribute(SESSION_ATTRIBUTE);
    return value instanceof Locale l ? l : null;
  }
}
