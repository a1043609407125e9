package io.pulse.ui.base;

import com.vaadin.flow.component.Component;

/** Briefly highlights a component whose number just changed (CSS class {@code pulse-changed}). */
public final class Flash {

  /** The class the highlight animation hangs on; tests look for it. */
  public static final String CHANGED = "pulse-changed";

  private Flash() {}

  public static void changed(Component component) {
    component.getElement().getClassList().add(CHANGED);
    // Removing and re-adding the class restarts the CSS animation in the browser; the reflow in
    // between is what makes the browser notice. No user data goes into this script.
    component
        .getElement()
        .executeJs(
            "this.classList.remove($0); void this.offsetWidth; this.classList.add($0);", CHANGED);
  }
}
