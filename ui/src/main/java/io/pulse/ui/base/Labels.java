package io.pulse.ui.base;

import com.vaadin.flow.component.Component;
import java.util.Locale;

/**
 * Translated names of the domain's codes (parameters, stages, alert reasons, segments…), with the
 * code itself when a new one has no translation yet.
 */
public final class Labels {

  private Labels() {}

  public static String of(Component component, String group, String code) {
    String key = group + "." + code;
    String text = component.getTranslation(key);
    return text == null || text.isBlank() || text.contains(key) ? humanize(code) : text;
  }

  /** A code of the API's vocabulary (a parameter, stage, verdict, segment…). */
  public static String of(Component component, String group, Enum<?> code) {
    return of(component, group, code.name());
  }

  /** The same for an explicit locale (grids render outside a component's own context). */
  public static String of(Locale locale, Component component, String group, String code) {
    String key = group + "." + code;
    String text = component.getTranslation(locale, key);
    return text == null || text.isBlank() || text.contains(key) ? humanize(code) : text;
  }

  public static String of(Locale locale, Component component, String group, Enum<?> code) {
    return of(locale, component, group, code.name());
  }

  /**
   * An alert reason: {@code DETRACTOR}, {@code INDEX_DROP}, or {@code LOW_SCORE:SPEED} as "Low
   * score: Speed".
   */
  public static String alertReason(Component component, String reason) {
    int colon = reason.indexOf(':');
    if (colon < 0) {
      return of(component, "alert", reason);
    }
    // LOW_SCORE:SPEED, WEAK_POINT:SPEED: the reason's own text around the parameter's name.
    return component.getTranslation(
        "alert." + reason.substring(0, colon),
        of(component, "parameter", reason.substring(colon + 1)));
  }

  private static String humanize(String code) {
    String lower = code.replace('_', ' ').toLowerCase(Locale.ROOT);
    return lower.isEmpty() ? code : Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
  }
}
