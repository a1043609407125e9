package io.pulse.privacy;

import io.pulse.security.Access;
import io.pulse.system.FieldViolation;
import io.pulse.system.InvalidInputException;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * A customer's right to be forgotten: admins only, since a customer reference may have answered
 * dealers of several brands and the request comes to the operator of the whole network.
 */
@Tag(name = "Privacy", description = "Erasing a customer's personal data: admins only")
@RestController
@RequestMapping("/api/v1/customers")
class PrivacyController {

  /** The longest customer reference ingest accepts (the column's width). */
  static final int MAX_REF = 128;

  private final CustomerErasure erasure;
  private final Access access;

  PrivacyController(CustomerErasure erasure, Access access) {
    this.erasure = erasure;
    this.access = access;
  }

  /**
   * Erases the comments of every answer given under {@code customerRef}, the notes on the alerts
   * those answers raised, and the reference itself. Scores stay (every figure is unchanged). Asking
   * again, or for a reference never seen, erases nothing and says so; each request is audited.
   */
  @DeleteMapping("/{customerRef}")
  @ApiResponse(responseCode = "200", description = "Erased; the counts say how much")
  Mono<CustomerErasure.Erased> erase(
      @PathVariable @Size(min = 1, max = MAX_REF) String customerRef) {
    if (customerRef.isBlank() || customerRef.length() > MAX_REF || customerRef.indexOf('\0') >= 0) {
      throw new InvalidInputException(
          "Bad customer reference; nothing was erased.",
          List.of(
              new FieldViolation(
                  "customerRef", "must be 1 to " + MAX_REF + " characters, without NUL")));
    }
    return access.requireAdmin().then(erasure.erase(customerRef));
  }
}
