package io.pulse.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.r2dbc.spi.Readable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * API keys of ingest clients: created (the clear key is returned once), listed, revoked, and
 * checked on every ingest request. Checks are cached for a few seconds, so a revocation takes
 * effect on every instance within {@link #CACHE}. Keys found and keys not found are cached apart,
 * each bounded: a flood of well-formed unknown keys evicts only other unknown keys, never the
 * checks of the keys in use (their clients would otherwise cost a query per request).
 */
@Component
public class ApiKeys {

  /** How long a check is cached. */
  static final Duration CACHE = Duration.ofSeconds(10);

  /** Checks of existing keys cached at most. */
  static final int MAX_CACHED = 10_000;

  /** Unknown keys remembered at most: the negative cache, so a caller cannot grow the heap. */
  static final int MAX_CACHED_UNKNOWN = 10_000;

  /** The shape of a key {@link #create} issues: {@code pk_} and 32 random bytes, base64url. */
  private static final Pattern ISSUED = Pattern.compile("pk_[A-Za-z0-9_-]{43}");

  /** A key as listed (never the key itself). */
  public record KeyInfo(
      UUID id,
      String name,
      Instant createdAt,
      String createdBy,
      @Nullable Instant revokedAt,
      @Nullable Set<String> brands,
      Set<IngestScope.Capability> capabilities,
      @Nullable Instant expiresAt) {}

  /** A newly created key: the clear key is shown only here. */
  public record CreatedKey(UUID id, String name, String key) {}

  private record RevokedNames(Set<String> names, Instant until) {}

  /** Who a key belongs to, what it may send, and until when. */
  record KeyRef(String id, String name, IngestScope scope, @Nullable Instant expiresAt) {

    boolean expiredAt(Instant now) {
      return expiresAt != null && !expiresAt.isAfter(now);
    }
  }

  private final DatabaseClient db;
  private final Clock clock;
  private final Map<String, KeyRef> configured;
  private final Cache<String, KeyRef> known;
  private final Cache<String, Boolean> unknown;
  private volatile @Nullable RevokedNames revokedNames;
  private final SecureRandom random = new SecureRandom();

  ApiKeys(DatabaseClient db, Clock clock, SecurityProperties properties) {
    this.db = db;
    this.clock = clock;
    // Expiry on the domain clock, as everything else here, so tests can move it.
    Ticker ticker = () -> TimeUnit.MILLISECONDS.toNanos(clock.millis());
    this.known =
        Caffeine.newBuilder()
            .ticker(ticker)
            .maximumSize(MAX_CACHED)
            .expireAfterWrite(CACHE)
            .build();
    this.unknown =
        Caffeine.newBuilder()
            .ticker(ticker)
            .maximumSize(MAX_CACHED_UNKNOWN)
            .expireAfterWrite(CACHE)
            .build();
    this.configured =
        properties.ingestKeys().stream()
            .collect(
                Collectors.toMap(
                    k -> hash(k.key()),
                    k ->
                        new KeyRef(
                            "config:" + k.name(),
                            k.name(),
                            new IngestScope(
                                k.brands(),
                                k.capabilities() == null
                                    ? IngestScope.DEFAULT_CAPABILITIES
                                    : k.capabilities()),
                            k.expiresAt())));
  }

  static String hash(String key) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The key's owner if the key is valid, not revoked and not expired. */
  Mono<Optional<KeyRef>> check(String key) {
    Instant now = clock.instant();
    return find(key).map(k -> k.filter(ref -> !ref.expiredAt(now)));
  }

  private Mono<Optional<KeyRef>> find(String key) {
    String h = hash(key);
    KeyRef fromConfig = configured.get(h);
    if (fromConfig != null) {
      return revokedConfigured()
          .map(revoked ->
              revoked.contains(fromConfig.name()) ? Optional.empty() : Optional.of(fromConfig));
    }
    if (!ISSUED.matcher(key).matches()) {
      // Not a key this service ever issued: no query, no cache entry. Random keys from an
      // unauthenticated caller must cost neither a database connection nor memory.
      return Mono.just(Optional.empty());
    }
    KeyRef cached = known.getIfPresent(h);
    if (cached != null) {
      return Mono.just(Optional.of(cached));
    }
    if (unknown.getIfPresent(h) != null) {
      return Mono.just(Optional.empty());
    }
    return db.sql(
            "SELECT id, name, brands, capabilities, expires_at FROM api_key"
                + " WHERE key_hash = :h AND revoked_at IS NULL")
        .bind("h", h)
        .map(row -> {
          OffsetDateTime expires = row.get("expires_at", OffsetDateTime.class);
          return new KeyRef(
              row.get("id", UUID.class).toString(),
              row.get("name", String.class),
              new IngestScope(brands(row), capabilities(row)),
              expires == null ? null : expires.toInstant());
        })
        .one()
        .map(Optional::of)
        .defaultIfEmpty(Optional.empty())
        .doOnNext(
            k -> k.ifPresentOrElse(ref -> known.put(h, ref), () -> unknown.put(h, Boolean.TRUE)));
  }

  /** A key that may send what {@code scope} allows until {@code expiresAt} (null: no end). */
  public Mono<CreatedKey> create(
      String name, String createdBy, IngestScope scope, @Nullable Instant expiresAt) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String key = "pk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    UUID id = UUID.randomUUID();
    var insert =
        db.sql(
                "INSERT INTO api_key (id, name, key_hash, created_at, created_by, brands,"
                    + " capabilities, expires_at)"
                    + " VALUES (:id, :name, :h, :at, :by, :brands, :capabilities, :expires)")
            .bind("id", id)
            .bind("name", name)
            .bind("h", hash(key))
            .bind("at", clock.instant())
            .bind("by", createdBy)
            .bind(
                "capabilities",
                scope.capabilities().stream().map(Enum::name).sorted().toArray(String[]::new));
    insert =
        scope.brands() == null
            ? insert.bindNull("brands", String[].class)
            : insert.bind("brands", scope.brands().stream().sorted().toArray(String[]::new));
    insert =
        expiresAt == null
            ? insert.bindNull("expires", OffsetDateTime.class)
            : insert.bind("expires", expiresAt.atOffset(ZoneOffset.UTC));
    return insert.then().thenReturn(new CreatedKey(id, name, key));
  }

  public Flux<KeyInfo> list() {
    return db.sql(
            "SELECT id, name, created_at, created_by, revoked_at, brands, capabilities, expires_at"
                + " FROM api_key ORDER BY created_at")
        .map(row -> {
          OffsetDateTime revoked = row.get("revoked_at", OffsetDateTime.class);
          OffsetDateTime expires = row.get("expires_at", OffsetDateTime.class);
          return new KeyInfo(
              row.get("id", UUID.class),
              row.get("name", String.class),
              row.get("created_at", OffsetDateTime.class).toInstant(),
              row.get("created_by", String.class),
              revoked == null ? null : revoked.toInstant(),
              brands(row),
              capabilities(row),
              expires == null ? null : expires.toInstant());
        })
        .all();
  }

  /**
   * The names of configured keys revoked at run time, read at most every {@link #CACHE}: one small
   * query for every configured key's checks on this instance.
   */
  private Mono<Set<String>> revokedConfigured() {
    Instant now = clock.instant();
    RevokedNames r = revokedNames;
    if (r != null && r.until().isAfter(now)) {
      return Mono.just(r.names());
    }
    return db.sql("SELECT name FROM revoked_configured_key")
        .map(row -> row.get("name", String.class))
        .all()
        .collect(Collectors.toUnmodifiableSet())
        .doOnNext(names -> revokedNames = new RevokedNames(names, now.plus(CACHE)));
  }

  /**
   * Revokes the configured key {@code name} on every instance (within {@link #CACHE}); false if no
   * configured key has that name or it is revoked already.
   */
  public Mono<Boolean> revokeConfigured(String name, String revokedBy) {
    if (configured.values().stream().noneMatch(k -> k.name().equals(name))) {
      return Mono.just(false);
    }
    return db.sql(
            "INSERT INTO revoked_configured_key (name, revoked_at, revoked_by)"
                + " VALUES (:name, :at, :by) ON CONFLICT (name) DO NOTHING")
        .bind("name", name)
        .bind("at", clock.instant())
        .bind("by", revokedBy)
        .fetch()
        .rowsUpdated()
        .map(n -> n > 0)
        .doOnNext(revoked -> revokedNames = null);
  }

  /** Revokes a key; false if there was no such active key. */
  public Mono<Boolean> revoke(UUID id) {
    return db.sql("UPDATE api_key SET revoked_at = :at WHERE id = :id AND revoked_at IS NULL")
        .bind("at", clock.instant())
        .bind("id", id)
        .fetch()
        .rowsUpdated()
        .map(n -> n > 0)
        .doOnNext(revoked -> known.invalidateAll());
  }

  private static @Nullable Set<String> brands(Readable row) {
    String[] brands = row.get("brands", String[].class);
    return brands == null ? null : Set.of(brands);
  }

  private static Set<IngestScope.Capability> capabilities(Readable row) {
    String[] names = row.get("capabilities", String[].class);
    Set<IngestScope.Capability> capabilities = EnumSet.noneOf(IngestScope.Capability.class);
    for (String n : names == null ? new String[0] : names) {
      capabilities.add(IngestScope.Capability.valueOf(n));
    }
    return capabilities;
  }
}
