package io.pulse.network;

import io.pulse.api.NetworkIds;
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
 * A brand, region or dealer id in a path segment or query parameter, held to the one id rule of
 * {@link NetworkIds} before the request reaches any access check or store: a caller cannot make a
 * scope, a Redis key or a pub/sub message out of a string the network could never contain. A
 * violation is a 400 naming the parameter. Null (an absent optional parameter) is valid.
 */
@Documented
@Constraint(validatedBy = NetworkId.Validator.class)
@Target({ElementType.PARAMETER, ElementType.FIELD})
@Retention(RetentionPolicy.RUNTIME)
public @interface NetworkId {

  String message() default NetworkIds.RULE;

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** Applies {@link NetworkIds#isValid}. */
  final class Validator implements ConstraintValidator<NetworkId, String> {
    @Override
    public boolean isValid(@Nullable String value, ConstraintValidatorContext context) {
      return value == null || NetworkIds.isValid(value);
    }
  }
}
