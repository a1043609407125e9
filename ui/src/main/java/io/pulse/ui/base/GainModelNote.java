package io.pulse.ui.base;

import com.vaadin.flow.component.Component;
import io.pulse.api.Analytics.GainModel;

/**
 * The line under a fix-first list, the dealer's or the brand's, that says what its gains rest on:
 * how much of RECOMMEND the fitted model explains and over how many answers, or that there is none.
 */
public final class GainModelNote {

  private GainModelNote() {}

  public static String of(Component component, GainModel model, Formats formats) {
    return model.fitted()
        ? component.getTranslation(
            "fix-first.model",
            String.format(
                formats.locale(), "%.2f", model.rSquared() == null ? 0.0 : model.rSquared()),
            formats.count(model.pairs()))
        : component.getTranslation("fix-first.no-model");
  }
}
