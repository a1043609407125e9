package io.pulse.ui.base;

import com.vaadin.flow.component.UI;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.Consumer;

/** The browser's time zone, for showing times where no dealer's own zone applies. */
public final class ClientZone {

  private ClientZone() {}

  /** Calls {@code then} with the browser's zone once known (UTC if the browser does not say). */
  public static void resolve(UI ui, Consumer<ZoneId> then) {
    ui.getPage()
        .retrieveExtendedClientDetails(details -> {
          ZoneId zone = ZoneOffset.UTC;
          try {
            if (details.getTimeZoneId() != null && !details.getTimeZoneId().isBlank()) {
              zone = ZoneId.of(details.getTimeZoneId());
            }
          } catch (DateTimeException e) {
            // An unknown zone name: keep UTC.
          }
          then.accept(zone);
        });
  }
}
