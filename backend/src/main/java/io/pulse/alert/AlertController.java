package io.pulse.alert;

import io.pulse.api.Alert;
import io.pulse.network.DealerDirectory;
import io.pulse.network.NetworkId;
import io.pulse.network.VisibleDealers;
import io.pulse.security.Access;
import io.pulse.security.AuditLog;
import io.pulse.system.FieldViolation;
import io.pulse.system.InvalidInputException;
import io.pulse.system.NotFoundException;
import io.pulse.system.OneOf;
import io.pulse.system.UuidText;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Alerts API: list a dealer's alerts, acknowledge and resolve them, a brand's overview. */
@Tag(
    name = "Alerts",
    description = "Detractors, low scores and early warnings to follow up, and their handling")
@RestController
@RequestMapping("/api/v1")
class AlertController {

  static final int MAX_NOTE = 2000;

  /**
   * Body of acknowledge and resolve, the steps that change an alert's status; a resolution needs a
   * note, and may name its root cause (one of {@code pulse.cases.root-causes}) and outcome.
   * Acknowledging reads only the note. Named apart from {@link CaseController.NoteBody} (a note
   * alone): the OpenAPI document names a schema by its simple class name, so the two were one.
   */
  record StatusChangeBody(
      @Nullable String note, @Nullable String rootCause, @Nullable Outcome outcome) {}

  /** How a case ended. */
  enum Outcome {
    RECOVERED,
    NOT_REACHED,
    NOT_RECOVERABLE
  }

  private final AlertRepository alerts;
  private final VisibleDealers dealers;
  private final DealerDirectory directory;
  private final Access access;
  private final AuditLog audit;
  private final Clock clock;
  private final CaseProperties cases;
  private final CaseHistory history;
  private final TransactionalOperator tx;

  AlertController(
      AlertRepository alerts,
      VisibleDealers dealers,
      DealerDirectory directory,
      Access access,
      AuditLog audit,
      Clock clock,
      CaseProperties cases,
      CaseHistory history,
      TransactionalOperator tx) {
    this.alerts = alerts;
    this.dealers = dealers;
    this.directory = directory;
    this.access = access;
    this.audit = audit;
    this.clock = clock;
    this.cases = cases;
    this.history = history;
    this.tx = tx;
  }

  @GetMapping("/dealers/{id}/alerts")
  Flux<Alert> forDealer(
      @PathVariable @NetworkId String id,
      @RequestParam(defaultValue = "open") @OneOf({"open", "all"}) String status,
      @RequestParam(defaultValue = "100") @Min(1) @Max(500) int limit) {
    return dealers
        .require(id)
        .then(masking())
        .flatMapMany(
            mask -> alerts.forDealer(id, status.equals("open"), limit, overdueBefore()).map(mask));
  }

  @PostMapping("/alerts/{eventId}/acknowledge")
  @ApiResponse(responseCode = "200", description = "Acknowledged")
  @ApiResponse(responseCode = "409", ref = "#/components/responses/Conflict")
  Mono<Alert> acknowledge(
      @PathVariable @UuidText String eventId,
      @RequestBody(required = false) @Nullable StatusChangeBody body) {
    String note = body == null ? null : checkNote(body.note(), false);
    return move(
            UUID.fromString(eventId),
            List.of(Alert.Status.OPEN),
            Alert.Status.ACKNOWLEDGED,
            note,
            null,
            null)
        .zipWith(masking(), (a, mask) -> mask.apply(a));
  }

  @PostMapping("/alerts/{eventId}/resolve")
  @ApiResponse(responseCode = "200", description = "Resolved")
  @ApiResponse(responseCode = "409", ref = "#/components/responses/Conflict")
  Mono<Alert> resolve(
      @PathVariable @UuidText String eventId,
      @RequestBody(required = false) @Nullable StatusChangeBody body) {
    String note = checkNote(body == null ? null : body.note(), true);
    String cause = body == null ? null : body.rootCause();
    if (cause != null && !cases.rootCauses().contains(cause)) {
      throw new InvalidInputException(
          "Unknown root cause; nothing was done.",
          List.of(
              new FieldViolation(
                  "rootCause", "must be one of " + String.join(", ", cases.rootCauses()))));
    }
    Outcome outcome = body == null ? null : body.outcome();
    return move(
            UUID.fromString(eventId),
            List.of(Alert.Status.OPEN, Alert.Status.ACKNOWLEDGED),
            Alert.Status.RESOLVED,
            note,
            cause,
            outcome == null ? null : outcome.name())
        .zipWith(masking(), (a, mask) -> mask.apply(a));
  }

  /**
   * What the caller sees of a comment: all of it for an admin, else with telephone numbers and
   * e-mail addresses hidden (docs/security.md, "Personal data in comments").
   */
  private Mono<Function<Alert, Alert>> masking() {
    return access.seesPersonalData().map(sees -> sees ? Function.identity() : Alert::masked);
  }

  @GetMapping("/brands/{id}/alerts")
  Flux<AlertRepository.DealerCounts> forBrand(
      @PathVariable @NetworkId String id,
      @RequestParam(required = false) @NetworkId @Nullable String regionId) {
    directory.brand(id).orElseThrow(() -> new NotFoundException("No brand with id " + id));
    return access.requireBrand(id).thenMany(alerts.countsForBrand(id, regionId, overdueBefore()));
  }

  private Mono<Alert> move(
      UUID eventId,
      List<Alert.Status> from,
      Alert.Status to,
      @Nullable String note,
      @Nullable String rootCause,
      @Nullable String outcome) {
    // The alert's dealer must be visible to the caller (else 404) and theirs to handle (else 403).
    // The move, its audit entry and its step in the case history are one transaction.
    return alerts
        .find(eventId, overdueBefore())
        .switchIfEmpty(Mono.error(() -> new NotFoundException("No alert for event " + eventId)))
        .flatMap(found ->
            dealers
                .require(found.dealerId())
                .then(access.requireDealerHandler(found.dealerId()))
                .flatMap(actor ->
                    tx.transactional(
                        alerts
                            .transition(
                                eventId,
                                from,
                                to,
                                note,
                                actor.name(),
                                clock.instant(),
                                rootCause,
                                outcome)
                            .flatMap(moved ->
                                moved
                                    ? audit
                                        .recordCaller(
                                            "ALERT_" + to, eventId + " dealer " + found.dealerId())
                                        .then(
                                            history.record(
                                                eventId,
                                                to.name(),
                                                stepDetail(note, rootCause, outcome)))
                                        .thenReturn(true)
                                    : Mono.just(false)))))
        .flatMap(moved ->
            alerts
                .find(eventId, overdueBefore())
                .switchIfEmpty(
                    Mono.error(() -> new NotFoundException("No alert for event " + eventId)))
                .flatMap(a ->
                    moved
                        ? Mono.just(a)
                        : Mono.error(
                            new ResponseStatusException(
                                HttpStatus.CONFLICT,
                                "The alert is " + a.status() + "; it cannot become " + to))));
  }

  private Instant overdueBefore() {
    // Alerts are due within a day (docs/domain.md, "Closing the loop"), as configured.
    return clock.instant().minus(cases.firstContactSla());
  }

  private static @Nullable String stepDetail(
      @Nullable String note, @Nullable String rootCause, @Nullable String outcome) {
    String tags =
        (rootCause == null ? "" : "[" + rootCause + "] ")
            + (outcome == null ? "" : "[" + outcome + "] ");
    return note == null && tags.isEmpty() ? null : (tags + (note == null ? "" : note)).strip();
  }

  static @Nullable String checkNote(@Nullable String note, boolean required) {
    if (note == null || note.isBlank()) {
      if (required) {
        throw new InvalidInputException(
            "A resolution needs a note.",
            List.of(new FieldViolation("note", "is required: say what was done")));
      }
      return null;
    }
    if (note.length() > MAX_NOTE || note.indexOf('\0') >= 0) {
      throw new InvalidInputException(
          "Bad note.",
          List.of(new FieldViolation("note", "must be at most 2000 characters, without NUL")));
    }
    return note;
  }
}
