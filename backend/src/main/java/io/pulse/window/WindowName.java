package io.pulse.window;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.jspecify.annotations.Nullable;

/**
 * A {@code window} request parameter: the name of one of the configured windows ({@code 1h}, {@code
 * 24h}, …), checked before the handler runs. Null (an absent optional parameter) is valid.
 */
@Documented
@Constraint(validatedBy = WindowName.Validator.class)
@Target({ElementType.PARAMETER, ElementType.FIELD})
@Retention(RetentionPolicy.RUNTIME)
public @interface WindowName {

  String message() default "";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** Looks the name up in the configured layout (the validator is built by Spring). */
  final class Validator implements ConstraintValidator<WindowName, String> {

    private final WindowLayout layout;

    Validator(WindowLayout layout) {
      this.layout = layout;
    }

    @Override
    public boolean isValid(@Nullable String value, ConstraintValidatorContext context) {
      if (value == null || layout.byName(value).isPresent()) {
        return true;
      }
      context.disableDefaultConstraintViolation();
      context
          .buildConstraintViolationWithTemplate("must be one of " + layout.names())
          .addConstraintViolation();
      return false;
    }
  }
}
