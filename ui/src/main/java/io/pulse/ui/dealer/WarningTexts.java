package io.pulse.ui.dealer;

import com.vaadin.flow.component.html.Paragraph;
import io.pulse.api.Alert;
import io.pulse.ui.base.Languages;
import java.util.Locale;

/**
 * What moved, for an early warning: one paragraph per explanation, in the reader's language, set as
 * text like everything else from the backend. The feed and the alerts list show them alike.
 */
final class WarningTexts {

  private WarningTexts() {}

  static Paragraph[] of(Alert alert, Locale locale) {
    String language = Languages.code(locale);
    return alert.explanations().stream()
        .map(e -> {
          Paragraph why = new Paragraph();
          why.setText(e.text(language));
          why.addClassName("pulse-warning-text");
          return why;
        })
        .toArray(Paragraph[]::new);
  }
}
