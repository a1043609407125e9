package io.pulse.ui.base;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import com.vaadin.flow.server.VaadinSession;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Gives every new UI its language: the session's explicit choice, else a {@code ?lang=ru|en} in the
 * address, else the browser's locale (Russian when it asks for Russian, English otherwise).
 */
@Component
class LocaleInitializer implements VaadinServiceInitListener {

  @Override
  public void serviceInit(ServiceInitEvent event) {
    event
        .getSource()
        .addUIInitListener(init -> {
          UI ui = init.getUI();
          ui.setLocale(initialLocale(ui.getSession()));
          ui.addBeforeEnterListener(enter ->
              enter
                  .getLocation()
                  .getQueryParameters()
                  .getSingleParameter("lang")
                  .filter(lang -> lang.equals("ru") || lang.equals("en"))
                  .map(Locale::of)
                  .map(Languages::closest)
                  .filter(l -> !l.equals(ui.getLocale()))
                  .ifPresent(l -> {
                    ui.getSession().setAttribute(Languages.SESSION_ATTRIBUTE, l);
                    ui.setLocale(l);
                  }));
        });
  }

  private static Locale initialLocale(VaadinSession session) {
    Locale chosen = Languages.chosen(session);
    if (chosen != null) {
      return chosen;
    }
    return Languages.closest(
        session.getBrowser() == null ? null : session.getBrowser().getLocale());
  }
}
