package io.pulse.system;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * An enum-like request parameter ({@code sort}, {@code status}, {@code lang}, …): one of a fixed
 * set of words, checked before the handler runs; anything else is a 400 naming the parameter and
 * the words it accepts. Null (an absent optional parameter) is valid.
 */
@Documented
@Constraint(validatedBy = OneOf.Validator.class)
@Target({ElementType.PARAMETER, ElementType.FIELD})
@Retention(RetentionPolicy.RUNTIME)
public @interface OneOf {

  /** The accepted words. */
  String[] value();

  /** Whether {@code REGION} counts as {@code region}. */
  boolean ignoreCase() default false;

  String message() default "";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** Checks membership and names the accepted words in the message. */
  final class Validator implements ConstraintValidator<OneOf, String> {

    private Set<String> accepted = Set.of();
    private boolean ignoreCase;
    private String message = "";

    @Override
    public void initialize(OneOf annotation) {
      ignoreCase = annotation.ignoreCase();
      accepted =
          Arrays.stream(annotation.value())
              .map(v -> ignoreCase ? v.toLowerCase(Locale.ROOT) : v)
              .collect(Collectors.toUnmodifiableSet());
      message =
          annotation.message().isEmpty()
              ? "must be one of " + String.join(", ", annotation.value())
              : annotation.message();
    }

    @Override
    public boolean isValid(@Nullable String value, ConstraintValidatorContext context) {
      if (value == null || accepted.contains(ignoreCase ? value.toLowerCase(Locale.ROOT) : value)) {
        return true;
      }
      context.disableDefaultConstraintViolation();
      context.buildConstraintViolationWithTemplate(message).addConstraintViolation();
      return false;
    }
  }
}
