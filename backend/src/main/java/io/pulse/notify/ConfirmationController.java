package io.pulse.notify;

import io.pulse.api.ConfirmedEmail;
import io.pulse.api.EmailConfirmation;
import io.pulse.security.ApiAccess;
import io.pulse.security.AuditLog;
import io.pulse.security.ClientAddress;
import io.pulse.security.FailureThrottle;
import io.pulse.security.SecurityAudit;
import io.pulse.system.FieldViolation;
import io.pulse.system.InvalidInputException;
import io.pulse.system.TooManyRequestsException;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The link of a confirmation e-mail, opened: the one endpoint anyone may call without signing in,
 * since whoever reads the mailbox need not have a Pulse account at hand (nor be the person who
 * typed the address). The token is the proof. A POST, never a GET: mail scanners fetch the links of
 * an e-mail, so the link opens the UI's page, and only its button confirms.
 *
 * <p>Every way a well-formed token can fail (unknown, used, expired, replaced by a newer e-mail)
 * answers alike, so nothing tells a caller whether a token was ever someone's. Failures are counted
 * per source address ({@code pulse.security.failed-confirmations-per-minute}) and past the limit
 * every confirmation from that address is 429 for the rest of the minute, before any lookup.
 */
@Tag(name = "Notifications", description = "The caller's own e-mail notifications")
@RestController
class ConfirmationController {

  private final AddressConfirmations confirmations;
  private final FailureThrottle throttle;
  private final AuditLog audit;
  private final SecurityAudit boundary;
  private final TransactionalOperator tx;
  private final Clock clock;

  ConfirmationController(
      AddressConfirmations confirmations,
      FailureThrottle confirmationThrottle,
      AuditLog audit,
      SecurityAudit boundary,
      TransactionalOperator tx,
      Clock clock) {
    this.confirmations = confirmations;
    this.throttle = confirmationThrottle;
    this.audit = audit;
    this.boundary = boundary;
    this.tx = tx;
    this.clock = clock;
  }

  @PostMapping(ApiAccess.CONFIRM_EMAIL)
  @ApiResponse(
      responseCode = "200",
      description = "Confirmed: notifications go to the address from now on")
  Mono<ConfirmedEmail> confirm(@RequestBody(required = false) @Nullable EmailConfirmation body) {
    String token = body == null ? null : body.token();
    return ClientAddress.current()
        .flatMap(source ->
            throttle
                .blocked(source)
                .flatMap(blocked -> {
                  if (blocked) {
                    return boundary
                        .confirmationRefused(source, "throttled", AuditLog.Outcome.DENIED)
                        .then(
                            Mono.error(
                                new TooManyRequestsException(
                                    "Too many confirmation links that did not work from this"
                                        + " address; try again in a minute.",
                                    FailureThrottle.WINDOW_SECONDS)));
                  }
                  if (token == null || !ConfirmationToken.wellFormed(token)) {
                    return refused(source, "must be the token of a confirmation link");
                  }
                  return tx.transactional(
                          confirmations
                              .confirm(new ConfirmationToken(token), clock.instant())
                              .flatMap(c ->
                                  audit
                                      .record(
                                          c.person(),
                                          "NOTIFICATIONS_CONFIRMED",
                                          "e-mail address confirmed",
                                          source,
                                          AuditLog.Outcome.OK)
                                      .thenReturn(new ConfirmedEmail(c.email()))))
                      .switchIfEmpty(
                          Mono.defer(() ->
                              refused(
                                  source,
                                  "does not work: unknown, used, expired, or replaced by a newer"
                                      + " e-mail")));
                }));
  }

  private Mono<ConfirmedEmail> refused(String source, String why) {
    return throttle
        .failed(source)
        .then(boundary.confirmationRefused(source, "link did not work", AuditLog.Outcome.FAILED))
        .then(
            Mono.error(
                new InvalidInputException(
                    "This confirmation link does not work; nothing was confirmed. Ask for a new"
                        + " e-mail in Pulse's e-mail settings.",
                    List.of(new FieldViolation("token", why)))));
  }
}
