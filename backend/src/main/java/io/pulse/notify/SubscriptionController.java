package io.pulse.notify;

import io.pulse.api.Role;
import io.pulse.api.Subscription;
import io.pulse.security.Access;
import io.pulse.security.AuditLog;
import io.pulse.security.PulseUser;
import io.pulse.system.FieldViolation;
import io.pulse.system.InvalidInputException;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/**
 * A person's own e-mail notifications: the address and the kinds they want. Only ever the caller's
 * own (there is no path to another person's), and only people: an API key has no inbox. Anyone can
 * type any address, so a new one gets only a confirmation e-mail until its link is opened ({@link
 * ConfirmationController}).
 */
@Tag(name = "Notifications", description = "The caller's own e-mail notifications")
@RestController
@RequestMapping("/api/v1/me/notifications")
class SubscriptionController {

  static final int MAX_EMAIL = 320;

  // One @, something on each side, a dot in the domain, no white space (so no header injection).
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

  private final Subscriptions subscriptions;
  private final Access access;
  private final AuditLog audit;
  private final TransactionalOperator tx;

  SubscriptionController(
      Subscriptions subscriptions, Access access, AuditLog audit, TransactionalOperator tx) {
    this.subscriptions = subscriptions;
    this.access = access;
    this.audit = audit;
    this.tx = tx;
  }

  @GetMapping
  Mono<Subscription> mine() {
    return access.user().flatMap(u -> subscriptions.of(u.name()));
  }

  /**
   * A subscription as sent: a kind left out is wanted.
   *
   * @param email required
   * @param language {@code en} (when left out) or {@code ru}
   */
  record Change(
      @Nullable String email,
      @Nullable String language,
      @Nullable Boolean hotAlerts,
      @Nullable Boolean dailyDigest,
      @Nullable Boolean weeklySummary,
      @Nullable Boolean escalations) {}

  /** Saves the subscription; a new or changed address is pending and gets a confirmation e-mail. */
  @PutMapping
  @ApiResponse(responseCode = "200", description = "The subscription as saved, with its status")
  Mono<Subscription> subscribe(@RequestBody @Nullable Change wanted) {
    Subscription s = valid(wanted);
    return person()
        .flatMap(u ->
            tx.transactional(
                    subscriptions
                        .save(u, s)
                        .flatMap(queued ->
                            audit.recordCaller(
                                "NOTIFICATIONS_CHANGED",
                                kinds(s) + (queued ? "; confirmation e-mail sent" : ""))))
                .then(subscriptions.of(u.name())));
  }

  /**
   * Sends the confirmation e-mail of the pending address again: its earlier link stops working once
   * the new e-mail goes out. Limited per person like the first.
   */
  @PostMapping("/confirmation")
  @ApiResponse(responseCode = "200", description = "The subscription, with the new time sent")
  @ApiResponse(responseCode = "409", ref = "#/components/responses/Conflict")
  Mono<Subscription> resendConfirmation() {
    return person()
        .flatMap(u ->
            tx.transactional(
                    subscriptions
                        .resend(u.name())
                        .flatMap(queued ->
                            queued
                                ? audit.recordCaller(
                                    "NOTIFICATIONS_CHANGED", "confirmation e-mail sent again")
                                : Mono.error(
                                    new ResponseStatusException(
                                        HttpStatus.CONFLICT,
                                        "No address is waiting for confirmation: subscribe with"
                                            + " one first, or it is confirmed already."))))
                .then(subscriptions.of(u.name())));
  }

  /** The caller, if a person: an API key gets no e-mail. */
  private Mono<PulseUser> person() {
    return access
        .user()
        .flatMap(u ->
            u.role() == Role.INGEST
                ? Mono.error(new AccessDeniedException("an API key gets no e-mail"))
                : Mono.just(u));
  }

  @DeleteMapping
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @ApiResponse(responseCode = "204", description = "Unsubscribed from every e-mail")
  Mono<Void> unsubscribe() {
    return access
        .user()
        .flatMap(u -> subscriptions.remove(u.name()))
        .flatMap(removed ->
            removed ? audit.recordCaller("NOTIFICATIONS_CHANGED", "unsubscribed") : Mono.empty());
  }

  static Subscription valid(@Nullable Change s) {
    List<FieldViolation> wrong = new ArrayList<>();
    if (s == null) {
      throw new InvalidInputException(
          "A subscription is needed.", List.of(new FieldViolation("email", "is required")));
    }
    String email = s.email();
    String language = s.language() == null ? "en" : s.language();
    if (email == null || email.length() > MAX_EMAIL || !EMAIL.matcher(email).matches()) {
      wrong.add(
          new FieldViolation(
              "email", "must be an e-mail address of at most " + MAX_EMAIL + " characters"));
    }
    if (!"en".equals(language) && !"ru".equals(language)) {
      wrong.add(new FieldViolation("language", "must be en or ru"));
    }
    if (!wrong.isEmpty()) {
      throw new InvalidInputException("Bad subscription; nothing was changed.", wrong);
    }
    return new Subscription(
        email,
        language,
        !Boolean.FALSE.equals(s.hotAlerts()),
        !Boolean.FALSE.equals(s.dailyDigest()),
        !Boolean.FALSE.equals(s.weeklySummary()),
        !Boolean.FALSE.equals(s.escalations()));
  }

  private static String kinds(Subscription s) {
    List<String> kinds = new ArrayList<>();
    if (s.hotAlerts()) {
      kinds.add("hot alerts");
    }
    if (s.dailyDigest()) {
      kinds.add("daily digest");
    }
    if (s.weeklySummary()) {
      kinds.add("weekly summary");
    }
    if (s.escalations()) {
      kinds.add("escalations");
    }
    return "subscribed to " + (kinds.isEmpty() ? "nothing" : String.join(", ", kinds));
  }
}
