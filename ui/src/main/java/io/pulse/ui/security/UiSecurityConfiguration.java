package io.pulse.ui.security;

import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Every view needs a signed-in user (the login view aside): through the login form, or in {@code
 * oidc} mode at the organisation's provider. Vaadin's configurer keeps CSRF protection on, with its
 * own token for its internal requests. Health probes stay open, other actuator endpoints are for
 * admins. Headers: Spring Security's defaults (no caching of pages, no framing), and {@link
 * SecurityHeaders} on every response.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class UiSecurityConfiguration {

  @Bean
  SecurityFilterChain ui(HttpSecurity http, BackendSignIn signIn, SignInProperties signInProperties)
      throws Exception {
    http.authenticationProvider(signIn)
        .authorizeHttpRequests(a ->
            a.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info")
                .permitAll()
                // Our stylesheet, also for the login view.
                .requestMatchers("/styles/**")
                .permitAll()
                .requestMatchers("/actuator/**")
                .hasRole(PulseUiUser.ADMIN));
    return http.with(
            VaadinSecurityConfigurer.vaadin(),
            v -> {
              if (signInProperties.oidc()) {
                // Straight to the provider; back here with an ID token whose claims bind the user.
                v.oauth2LoginPage("/oauth2/authorization/" + signInProperties.registration());
              } else {
                v.loginView(LoginView.class);
              }
            })
        .build();
  }
}
