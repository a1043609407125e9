package io.pulse.ui.base;

import com.vaadin.flow.component.HasElement;
import com.vaadin.flow.component.Text;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Footer;
import com.vaadin.flow.component.html.Header;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.RouterLayout;
import com.vaadin.flow.router.RouterLink;
import jakarta.annotation.security.PermitAll;
import java.util.Locale;

/**
 * The frame of every page: Pulse's name, the way home, the language switcher and who is signed in,
 * with the way out.
 */
@PermitAll
public class MainLayout extends Div implements RouterLayout {

  private final Main content = new Main();

  public MainLayout(CurrentUser user) {
    addClassName("pulse-app");
    Header header = new Header();
    header.addClassName("pulse-header");
    RouterLink home = new RouterLink();
    home.setRoute(HomeView.class);
    home.addClassName("pulse-brand");
    home.add(VaadinIcon.HEART_O.create(), new Text("Pulse"));
    Span tagline = new Span(getTranslation("app.tagline"));
    tagline.addClassName("pulse-tagline");
    Div spacer = new Div();
    spacer.addClassName("pulse-spacer");

    Select<Locale> language = new Select<>();
    language.setId("language");
    language.setItems(Languages.ALL);
    language.setItemLabelGenerator(l -> "ru".equals(l.getLanguage()) ? "Русский" : "English");
    language.setAriaLabel(getTranslation("app.language"));
    language.setValue(Languages.closest(getLocale()));
    language.addValueChangeListener(e -> {
      if (e.isFromClient() && e.getValue() != null) {
        UI.getCurrent().getUI().ifPresent(ui -> Languages.switchTo(ui, e.getValue()));
      }
    });
    language.addClassName("pulse-language");
    header.add(home, tagline, spacer);
    user.name()
        .ifPresent(name -> {
          // By its route, not its class: the search view sits on this layout, which must not
          // depend on it in turn.
          Anchor search = new Anchor("search");
          search.getElement().setAttribute("router-link", true);
          search.setId("nav-search");
          search.addClassName("pulse-nav");
          search.add(VaadinIcon.SEARCH.create(), new Text(getTranslation("search.nav")));
          Anchor mail = new Anchor("notifications");
          mail.getElement().setAttribute("router-link", true);
          mail.setId("nav-notifications");
          mail.addClassName("pulse-nav");
          mail.add(VaadinIcon.ENVELOPE_O.create(), new Text(getTranslation("notify.nav")));
          header.add(search, mail);
        });
    header.add(language);
    user.name()
        .ifPresent(name -> {
          Span who = new Span(VaadinIcon.USER.create(), new Text(name));
          who.setId("signed-in-user");
          who.addClassName("pulse-user");
          Button out = new Button(getTranslation("app.sign-out"), e -> user.signOut());
          out.setId("sign-out");
          out.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
          header.add(who, out);
        });

    content.addClassName("pulse-content");
    Footer footer = new Footer();
    footer.addClassName("pulse-footer");
    footer.add(new Span(getTranslation("app.footer")));
    add(header, content, footer);
  }

  @Override
  public void showRouterLayoutContent(HasElement child) {
    content.removeAll();
    content.getElement().appendChild(child.getElement());
  }
}
