package io.pulse.ui.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.security.test.context.support.WithSecurityContext;

/** Runs a test as a signed-in {@link PulseUiUser}, as {@link BackendSignIn} would create it. */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
@WithSecurityContext(factory = WithPulseUserFactory.class)
public @interface WithPulseUser {

  String name() default "someone";

  String role();

  String[] dealers() default {};

  String brand() default "";

  /**
   * Signed in at an OIDC provider instead of the login form: the same user as an ID token's {@code
   * pulse_*} claims.
   */
  boolean oidc() default false;
}
