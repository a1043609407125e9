package io.pulse.alert;

import io.pulse.api.Celebration;
import io.pulse.api.CommentMasking;
import io.pulse.network.NetworkId;
import io.pulse.network.VisibleDealers;
import io.pulse.security.Access;
import io.pulse.security.AuditLog;
import io.pulse.system.NotFoundException;
import io.pulse.system.UuidText;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The other side of alerts: promoters who wrote something, to thank. Whoever sees the dealer reads
 * them; its managers (and admins) thank, once per answer, audited. Counted apart from the cases
 * (their KPIs show how many were thanked), with no SLA.
 */
@Tag(name = "Alerts", description = "Alerts as cases: handling, history and KPIs")
@RestController
@RequestMapping("/api/v1")
class CelebrationController {

  /** How far back the list of a dealer's celebrations goes. */
  static final Duration RECENT = Duration.ofDays(30);

  private final Celebrations celebrations;
  private final VisibleDealers dealers;
  private final Access access;
  private final AuditLog audit;
  private final TransactionalOperator tx;
  private final Clock clock;

  CelebrationController(
      Celebrations celebrations,
      VisibleDealers dealers,
      Access access,
      AuditLog audit,
      TransactionalOperator tx,
      Clock clock) {
    this.celebrations = celebrations;
    this.dealers = dealers;
    this.access = access;
    this.audit = audit;
    this.tx = tx;
    this.clock = clock;
  }

  @GetMapping("/dealers/{id}/celebrations")
  Flux<Celebration> forDealer(
      @PathVariable @NetworkId String id,
      @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit) {
    return dealers
        .require(id)
        .then(masking())
        .flatMapMany(
            mask -> celebrations.forDealer(id, clock.instant().minus(RECENT), limit).map(mask));
  }

  @PostMapping("/celebrations/{eventId}/thank")
  @ApiResponse(responseCode = "200", description = "Thanked (or thanked before: the first stays)")
  Mono<Celebration> thank(@PathVariable @UuidText String eventId) {
    UUID id = UUID.fromString(eventId);
    return celebrations
        .find(id)
        .switchIfEmpty(Mono.error(() -> new NotFoundException("No celebration for event " + id)))
        .flatMap(c ->
            dealers
                .require(c.dealerId())
                .then(access.requireDealerHandler(c.dealerId()))
                .flatMap(who ->
                    tx.transactional(
                        celebrations
                            .thank(id, c.dealerId(), who.name(), clock.instant())
                            .flatMap(first ->
                                first
                                    ? audit.recordCaller(
                                        "CELEBRATION_THANKED", id + " dealer " + c.dealerId())
                                    : Mono.empty()))))
        .then(celebrations.find(id))
        .zipWith(masking(), (c, mask) -> mask.apply(c));
  }

  private Mono<Function<Celebration, Celebration>> masking() {
    return access
        .seesPersonalData()
        .map(sees -> sees ? Function.identity() : CelebrationController::masked);
  }

  private static Celebration masked(Celebration c) {
    return new Celebration(
        c.eventId(),
        c.dealerId(),
        c.stage(),
        c.occurredAt(),
        c.recommend(),
        CommentMasking.mask(c.comment()),
        c.thankedBy(),
        c.thankedAt());
  }
}
