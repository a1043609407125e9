package io.pulse.system;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Pattern;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A UUID in a path segment (an event id, a key id), checked as text before the handler runs. Bound
 * straight to {@link java.util.UUID}, a blank segment becomes a missing value, which the framework
 * answers with a 500 (found by the fuzz tests); as text it is a 400 naming the parameter.
 */
@Documented
@Pattern(regexp = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
@ReportAsSingleViolation
@Constraint(validatedBy = {})
@Target({ElementType.PARAMETER, ElementType.FIELD})
@Retention(RetentionPolicy.RUNTIME)
public @interface UuidText {

  String message() default "must be a UUID, e.g. 5b0e8a0c-2f1e-4a57-9d1c-6a1f2b3c4d5e";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};
}
