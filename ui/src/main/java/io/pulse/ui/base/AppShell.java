package io.pulse.ui.base;

import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Meta;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.server.AppShellSettings;
import com.vaadin.flow.server.PWA;
import com.vaadin.flow.theme.lumo.Lumo;

/**
 * The page around every view: Lumo (Vaadin 25 renders unstyled without a theme), Pulse's own styles
 * and server push, so live figures reach the browser without a reload.
 */
@Push
@PWA(
    name = "Pulse — live Customer Service Index",
    shortName = "Pulse",
    themeColor = "#0f172a",
    backgroundColor = "#f5f7fa")
@StyleSheet(Lumo.STYLESHEET)
@StyleSheet("styles/pulse.css")
@Meta(name = "viewport", content = "width=device-width, initial-scale=1")
public class AppShell implements AppShellConfigurator {

  @Override
  public void configurePage(AppShellSettings settings) {
    settings.setPageTitle("Pulse");
  }
}
