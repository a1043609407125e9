package io.pulse.ui.security;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import io.pulse.ui.base.CurrentUser;

/**
 * The sign-in page: name and password, checked by the backend. Signed-in people who come here are
 * sent home.
 */
@Route(value = "login", autoLayout = false)
@PageTitle("Pulse · Sign in")
@AnonymousAllowed
public class LoginView extends Div implements BeforeEnterObserver {

  private final LoginForm form = new LoginForm();
  private final Paragraph hint = new Paragraph();
  private final CurrentUser user;

  public LoginView(CurrentUser user, SignInProperties properties) {
    this.user = user;
    addClassName("pulse-login");
    form.setId("login-form");
    form.setAction("login");
    form.setForgotPasswordButtonVisible(false);
    form.setI18n(i18n());
    hint.setId("login-hint");
    hint.addClassName("pulse-muted");
    String text = properties.hint();
    hint.setText(text == null ? "" : text);
    hint.setVisible(text != null && !text.isBlank());
    Div card = new Div(new H1("Pulse"), new Paragraph(getTranslation("login.intro")), form, hint);
    card.addClassNames("pulse-card", "pulse-login-card");
    add(card);
  }

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    if (user.name().isPresent()) {
      event.forwardTo("");
      return;
    }
    var parameters = event.getLocation().getQueryParameters().getParameters();
    if (parameters.containsKey("error")) {
      form.setError(true);
    }
  }

  private LoginI18n i18n() {
    LoginI18n i18n = LoginI18n.createDefault();
    LoginI18n.Form f = i18n.getForm();
    f.setTitle(getTranslation("login.title"));
    f.setUsername(getTranslation("login.username"));
    f.setPassword(getTranslation("login.password"));
    f.setSubmit(getTranslation("login.submit"));
    LoginI18n.ErrorMessage error = i18n.getErrorMessage();
    error.setTitle(getTranslation("login.error.title"));
    error.setMessage(getTranslation("login.error.message"));
    return i18n;
  }
}
