package io.pulse.admin;

import io.pulse.api.NetworkIds;
import io.pulse.network.NetworkId;
import io.pulse.security.Access;
import io.pulse.security.ApiKeys;
import io.pulse.security.AuditLog;
import io.pulse.security.IngestScope;
import io.pulse.security.PulseUser;
import io.pulse.system.FieldViolation;
import io.pulse.system.InvalidInputException;
import io.pulse.system.NotFoundException;
import io.pulse.system.UuidText;
import io.pulse.window.FullRebuild;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Operations (admins only): rebuild the Redis aggregates from PostgreSQL, manage ingest API keys,
 * read the audit log. Every change is audited.
 */
@Tag(name = "Administration", description = "Rebuilds, API keys and the audit log: admins only")
@RestController
@RequestMapping("/api/v1/admin")
class AdminController {

  /** Body of a key creation. */
  /**
   * A key to create.
   *
   * @param brands the brands it may send for (all when absent)
   * @param capabilities {@code FEEDBACK} and/or {@code NETWORK} (both when absent)
   * @param expiresAt ISO-8601 instant after which it stops working (never when absent)
   */
  record NewKey(
      @Nullable String name,
      @Nullable List<String> brands,
      @Nullable List<String> capabilities,
      @Nullable String expiresAt) {}

  private final FullRebuild rebuild;
  private final ApiKeys keys;
  private final AuditLog audit;
  private final Access access;

  AdminController(FullRebuild rebuild, ApiKeys keys, AuditLog audit, Access access) {
    this.rebuild = rebuild;
    this.keys = keys;
    this.audit = audit;
    this.access = access;
  }

  @PostMapping("/rebuild")
  @ApiResponse(responseCode = "202", description = "Rebuild started (or already running)")
  Mono<ResponseEntity<FullRebuild.Status>> startRebuild() {
    return actor()
        .flatMap(who -> audit.record(who, "REBUILD", null))
        .then(Mono.fromSupplier(rebuild::start))
        .map(status -> ResponseEntity.status(HttpStatus.ACCEPTED).body(status));
  }

  @GetMapping("/rebuild")
  FullRebuild.Status rebuildStatus() {
    return rebuild.status();
  }

  /** Creates an ingest key; the clear key is in this response only. */
  @PostMapping("/api-keys")
  @ApiResponse(responseCode = "201", description = "Created; the key is shown only here")
  Mono<ResponseEntity<ApiKeys.CreatedKey>> createKey(@RequestBody NewKey body) {
    String name = body.name();
    if (name == null
        || name.isBlank()
        || name.length() > 100
        || name.chars().anyMatch(Character::isISOControl)) {
      throw new InvalidInputException(
          "A key needs a name.",
          List.of(new FieldViolation("name", "is required, 1-100 characters")));
    }
    List<FieldViolation> violations = new ArrayList<>();
    Set<String> brands = null;
    if (body.brands() != null) {
      if (body.brands().isEmpty() || !body.brands().stream().allMatch(NetworkIds::isValid)) {
        violations.add(
            new FieldViolation("brands", "a non-empty list of brand ids: " + NetworkIds.RULE));
      } else {
        brands = Set.copyOf(body.brands());
      }
    }
    Set<IngestScope.Capability> capabilities = EnumSet.copyOf(IngestScope.DEFAULT_CAPABILITIES);
    if (body.capabilities() != null) {
      capabilities = EnumSet.noneOf(IngestScope.Capability.class);
      for (String c : body.capabilities()) {
        try {
          capabilities.add(IngestScope.Capability.valueOf(String.valueOf(c)));
        } catch (IllegalArgumentException e) {
          violations.add(
              new FieldViolation("capabilities", "each one of FEEDBACK, NETWORK, HISTORY"));
          break;
        }
      }
      if (capabilities.isEmpty()) {
        violations.add(new FieldViolation("capabilities", "at least one of FEEDBACK, NETWORK"));
      }
    }
    Instant expiresAt = null;
    if (body.expiresAt() != null) {
      try {
        expiresAt = Instant.parse(body.expiresAt());
      } catch (DateTimeParseException e) {
        violations.add(
            new FieldViolation("expiresAt", "an ISO-8601 instant, e.g. 2027-01-01T00:00:00Z"));
      }
    }
    if (!violations.isEmpty()) {
      throw new InvalidInputException("The key's scope is invalid; no key was made.", violations);
    }
    IngestScope scope = new IngestScope(brands, capabilities);
    Instant until = expiresAt;
    return actor()
        .flatMap(who ->
            keys.create(name, who, scope, until)
                .flatMap(k ->
                    audit
                        .record(
                            who,
                            "API_KEY_CREATED",
                            k.id()
                                + " "
                                + name
                                + " "
                                + scope
                                + (until == null ? "" : " until " + until))
                        .thenReturn(k)))
        .map(k -> ResponseEntity.status(HttpStatus.CREATED).body(k));
  }

  @GetMapping("/api-keys")
  Flux<ApiKeys.KeyInfo> listKeys() {
    return keys.list();
  }

  @DeleteMapping("/api-keys/{id}")
  @ApiResponse(responseCode = "204", description = "Revoked on every instance within 10 s")
  Mono<ResponseEntity<Void>> revokeKey(@PathVariable("id") @UuidText String keyId) {
    UUID id = UUID.fromString(keyId);
    return actor()
        .flatMap(who ->
            keys.revoke(id)
                .flatMap(revoked ->
                    revoked
                        ? audit
                            .record(who, "API_KEY_REVOKED", id.toString())
                            .thenReturn(ResponseEntity.noContent().<Void>build())
                        : Mono.error(new NotFoundException("No active key " + id))));
  }

  /**
   * Revokes a key from configuration ({@code pulse.security.ingest-keys}) by its name, on every
   * instance, without a redeploy: a deny list kept in PostgreSQL.
   */
  @DeleteMapping("/api-keys/configured/{name}")
  @ApiResponse(responseCode = "204", description = "Revoked on every instance within 10 s")
  Mono<ResponseEntity<Void>> revokeConfiguredKey(@PathVariable("name") @NetworkId String name) {
    return actor()
        .flatMap(who ->
            keys.revokeConfigured(name, who)
                .flatMap(revoked ->
                    revoked
                        ? audit
                            .record(who, "API_KEY_REVOKED", "configured " + name)
                            .thenReturn(ResponseEntity.noContent().<Void>build())
                        : Mono.error(
                            new NotFoundException("No active configured key named " + name))));
  }

  /**
   * A page of the audit log and the verification of its whole chain.
   *
   * @param entries the latest entries (below {@code before} when given), newest first
   * @param nextBefore the {@code before} of the next (older) page; absent on the last page
   * @param chain whether every row, from the first, matches its hash and its predecessor's
   */
  record AuditPage(
      List<AuditLog.Entry> entries, @Nullable Long nextBefore, AuditLog.Verification chain) {}

  /**
   * The latest entries of the audit log, paged by id, and the whole chain verified (in batches; a
   * few seconds for millions of rows).
   */
  @GetMapping("/audit")
  Mono<AuditPage> auditLog(
      @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit,
      @RequestParam(required = false) @Min(1) @Nullable Long before) {
    return access
        .requireAdmin()
        .then(audit.latest(limit, before).collectList())
        .zipWhen(entries -> audit.verify())
        .map(t -> {
          List<AuditLog.Entry> entries = t.getT1();
          Long next = entries.size() < limit ? null : entries.getLast().id();
          return new AuditPage(entries, next, t.getT2());
        });
  }

  private Mono<String> actor() {
    return access.requireAdmin().map(PulseUser::name);
  }
}
