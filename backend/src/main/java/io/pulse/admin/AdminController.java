package io.pulse.admin;

import io.pulse.security.Access;
import io.pulse.security.ApiKeys;
import io.pulse.security.AuditLog;
import io.pulse.security.PulseUser;
import io.pulse.system.FieldViolation;
import io.pulse.system.InvalidInputException;
import io.pulse.system.NotFoundException;
import io.pulse.system.UuidText;
import io.pulse.window.FullRebuild;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
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
@RestController
@RequestMapping("/api/v1/admin")
class AdminController {

  /** Body of a key creation. */
  record NewKey(@Nullable String name) {}

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
    return actor()
        .flatMap(who ->
            keys.create(name, who)
                .flatMap(
                    k -> audit.record(who, "API_KEY_CREATED", k.id() + " " + name).thenReturn(k)))
        .map(k -> ResponseEntity.status(HttpStatus.CREATED).body(k));
  }

  @GetMapping("/api-keys")
  Flux<ApiKeys.KeyInfo> listKeys() {
    return keys.list();
  }

  @DeleteMapping("/api-keys/{id}")
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

  @GetMapping("/audit")
  Flux<AuditLog.Entry> auditLog(@RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
    return audit.latest(limit);
  }

  private Mono<String> actor() {
    return access.requireAdmin().map(PulseUser::name);
  }
}
