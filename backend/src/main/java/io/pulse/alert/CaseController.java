package io.pulse.alert;

import io.pulse.api.AlertCase;
import io.pulse.api.CaseKpis;
import io.pulse.network.DealerDirectory;
import io.pulse.network.NetworkId;
import io.pulse.network.VisibleDealers;
import io.pulse.security.Access;
import io.pulse.security.AuditLog;
import io.pulse.system.FieldViolation;
import io.pulse.system.InvalidInputException;
import io.pulse.system.NotFoundException;
import io.pulse.system.UuidText;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
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
import reactor.core.publisher.Mono;

/**
 * Alerts as cases (docs/api.md, "Cases"): the case view with its history and the customer's later
 * answers, assigning, the first contact, notes, and the handling KPIs of a dealer and a brand. Who
 * may see a dealer may read its cases; only its managers (and admins) act on them.
 */
@Tag(name = "Alerts", description = "Alerts as cases: handling, history and KPIs")
@RestController
@RequestMapping("/api/v1")
class CaseController {

  static final int MAX_NAME = 200;

  /** Body of an assignment. */
  record AssignBody(@Nullable String assignee) {}

  /** Body of a first contact or a note. */
  record NoteBody(@Nullable String note) {}

  private final AlertRepository alerts;
  private final CaseRepository cases;
  private final CaseHistory history;
  private final CaseProperties properties;
  private final VisibleDealers dealers;
  private final DealerDirectory directory;
  private final Access access;
  private final TransactionalOperator tx;
  private final Clock clock;
  private final AuditLog audit;

  CaseController(
      AlertRepository alerts,
      CaseRepository cases,
      CaseHistory history,
      CaseProperties properties,
      VisibleDealers dealers,
      DealerDirectory directory,
      Access access,
      TransactionalOperator tx,
      Clock clock,
      AuditLog audit) {
    this.alerts = alerts;
    this.cases = cases;
    this.history = history;
    this.properties = properties;
    this.dealers = dealers;
    this.directory = directory;
    this.access = access;
    this.tx = tx;
    this.clock = clock;
    this.audit = audit;
  }

  @GetMapping("/alerts/{eventId}/case")
  Mono<AlertCase> view(@PathVariable @UuidText String eventId) {
    UUID id = UUID.fromString(eventId);
    return visible(id)
        .zipWith(access.seesPersonalData())
        .flatMap(t -> {
          var alert = t.getT2() ? t.getT1() : t.getT1().masked();
          return Mono.zip(
                  cases.fields(id),
                  history.of(id).collectList(),
                  cases.laterAnswers(id).collectList())
              .map(f ->
                  new AlertCase(
                      alert,
                      f.getT1().assignee(),
                      f.getT1().contactedAt(),
                      f.getT1().rootCause(),
                      f.getT1().outcome(),
                      f.getT2(),
                      f.getT3()));
        });
  }

  @PostMapping("/alerts/{eventId}/assign")
  @ApiResponse(responseCode = "200", description = "Assigned")
  @ApiResponse(responseCode = "409", ref = "#/components/responses/Conflict")
  Mono<AlertCase> assign(
      @PathVariable @UuidText String eventId,
      @RequestBody(required = false) @Nullable AssignBody body) {
    String who = body == null ? null : body.assignee();
    if (who == null
        || who.isBlank()
        || who.length() > MAX_NAME
        || who.chars().anyMatch(Character::isISOControl)) {
      throw new InvalidInputException(
          "Bad assignee; nothing was done.",
          List.of(
              new FieldViolation(
                  "assignee",
                  "must be the name a person signs in with, 1 to " + MAX_NAME + " characters")));
    }
    UUID id = UUID.fromString(eventId);
    return act(id, cases.assign(id, who.strip(), clock.instant()), "ASSIGNED", "to " + who.strip());
  }

  @PostMapping("/alerts/{eventId}/contact")
  @ApiResponse(responseCode = "200", description = "First contact recorded")
  @ApiResponse(responseCode = "409", ref = "#/components/responses/Conflict")
  Mono<AlertCase> contact(
      @PathVariable @UuidText String eventId,
      @RequestBody(required = false) @Nullable NoteBody body) {
    String note = AlertController.checkNote(body == null ? null : body.note(), false);
    UUID id = UUID.fromString(eventId);
    return act(id, cases.contacted(id, clock.instant()), "CONTACTED", note);
  }

  @PostMapping("/alerts/{eventId}/notes")
  @ApiResponse(responseCode = "200", description = "Note added")
  Mono<AlertCase> note(
      @PathVariable @UuidText String eventId,
      @RequestBody(required = false) @Nullable NoteBody body) {
    String note = AlertController.checkNote(body == null ? null : body.note(), true);
    UUID id = UUID.fromString(eventId);
    return act(id, cases.exists(id), "NOTE", note);
  }

  /**
   * The root causes a resolution may name ({@code pulse.cases.root-causes}), in their configured
   * order, so that a form offers exactly what resolving accepts.
   */
  @GetMapping("/cases/root-causes")
  List<String> rootCauses() {
    return properties.rootCauses();
  }

  @GetMapping("/dealers/{id}/cases/kpis")
  Mono<CaseKpis> dealerKpis(
      @PathVariable @NetworkId String id,
      @RequestParam(defaultValue = "30") @Min(1) @Max(400) int days) {
    return dealers
        .require(id)
        .then(
            Mono.defer(() ->
                cases.kpis(
                    "dealer:" + id,
                    false,
                    id,
                    days,
                    clock.instant(),
                    properties.firstContactSla(),
                    properties.resolutionSla())));
  }

  @GetMapping("/brands/{id}/cases/kpis")
  Mono<CaseKpis> brandKpis(
      @PathVariable @NetworkId String id,
      @RequestParam(defaultValue = "30") @Min(1) @Max(400) int days) {
    directory.brand(id).orElseThrow(() -> new NotFoundException("No brand with id " + id));
    return access
        .requireBrand(id)
        .then(
            Mono.defer(() ->
                cases.kpis(
                    "brand:" + id,
                    true,
                    id,
                    days,
                    clock.instant(),
                    properties.firstContactSla(),
                    properties.resolutionSla())));
  }

  /** The alert if the caller may see its dealer (else 404, like one that does not exist). */
  private Mono<io.pulse.api.Alert> visible(UUID id) {
    Instant overdueBefore = clock.instant().minus(properties.firstContactSla());
    return alerts
        .find(id, overdueBefore)
        .switchIfEmpty(Mono.error(() -> new NotFoundException("No alert for event " + id)))
        .flatMap(a -> dealers.require(a.dealerId()).thenReturn(a));
  }

  /**
   * Runs {@code change} for a manager of the alert's dealer, with its step in the history, in one
   * transaction; a change that finds the case resolved is a 409 and leaves no step.
   */
  private Mono<AlertCase> act(
      UUID id, Mono<Boolean> change, String action, @Nullable String detail) {
    return visible(id)
        .flatMap(a -> access.requireDealerHandler(a.dealerId()))
        .then(
            tx.transactional(
                change.flatMap(done ->
                    done ? history.record(id, action, detail).thenReturn(true) : Mono.just(false))))
        .flatMap(done ->
            done
                ? view(id.toString())
                : Mono.error(
                    new ResponseStatusException(
                        HttpStatus.CONFLICT, "The alert is resolved; it cannot be changed")));
  }
}
