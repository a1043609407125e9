package io.pulse.security;

import io.pulse.api.Role;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Security settings.
 *
 * @param mode {@code demo}: built-in users below over HTTP Basic and the demo ingest key; {@code
 *     oidc}: bearer JWTs from an OIDC provider (spring.security.oauth2.resourceserver.jwt.*), roles
 *     from their claims. Any other value stops the start.
 * @param users built-in users of the demo mode
 * @param ingestKeys API keys from configuration (besides those created through the API)
 * @param ingestEventsPerSecond per API key, events accepted per second before 429
 * @param failedSignInsPerMinute failed sign-ins one user name may have in a minute before every
 *     sign-in under that name is refused (429) until the minute is over, right password or not
 * @param unknownApiKeysPerMinute unknown or revoked API keys one source address may present in a
 *     minute before every key from that address is refused (429, no database query) until the
 *     minute is over
 * @param failedConfirmationsPerMinute e-mail confirmation links that did not work (unknown, used,
 *     expired, malformed) one source address may send in a minute before every confirmation from
 *     that address is refused (429, no database query) until the minute is over
 * @param auditedFailuresPerSourcePerMinute failed sign-ins, refused keys and denials of one source
 *     address written to the audit log per minute and instance; the rest are only counted
 * @param auditedFailuresPerMinute the same, all sources together, per minute and instance
 * @param maxStreamsPerUser concurrent streams one user may hold
 * @param maxStreamsPerInstance concurrent streams one backend instance holds
 */
@ConfigurationProperties("pulse.security")
@Validated
public record SecurityProperties(
    @DefaultValue("demo") Mode mode,
    @DefaultValue List<DemoUser> users,
    @DefaultValue List<@Valid ConfiguredKey> ingestKeys,
    @DefaultValue("20000") @Min(1) int ingestEventsPerSecond,
    @DefaultValue("10") @Min(1) int failedSignInsPerMinute,
    @DefaultValue("20") @Min(1) int unknownApiKeysPerMinute,
    @DefaultValue("10") @Min(1) int failedConfirmationsPerMinute,
    @DefaultValue("10") @Min(0) int auditedFailuresPerSourcePerMinute,
    @DefaultValue("600") @Min(0) int auditedFailuresPerMinute,
    @DefaultValue("20") @Min(1) int maxStreamsPerUser,
    @DefaultValue("20000") @Min(1) int maxStreamsPerInstance) {

  /**
   * A built-in user; password is a Spring Security encoded password ({@code {bcrypt}…} or {@code
   * {noop}…}).
   */
  public record DemoUser(
      String username,
      String password,
      Role role,
      @Nullable Set<String> dealers,
      @Nullable String brand) {}

  /**
   * An API key given in configuration (kept only as a hash in memory).
   *
   * @param brands the brands it may send for; all when absent
   * @param capabilities what it may send; feedback and network when absent
   * @param expiresAt when it stops working; never when absent
   */
  public record ConfiguredKey(
      @NotBlank String name,
      @NotBlank String key,
      @Nullable Set<String> brands,
      @Nullable Set<IngestScope.Capability> capabilities,
      @Nullable Instant expiresAt) {}

  /** The ingest key the demo ships with: accepted in demo mode only. */
  public static final String DEMO_INGEST_KEY = "pulse-demo-ingest-key";

  /** How people sign in. */
  public enum Mode {
    /** Built-in users with known passwords: a demo on one machine, never facing a network. */
    DEMO,
    /** Bearer JWTs from the organisation's OIDC provider: production. */
    OIDC
  }

  public boolean oidc() {
    return mode == Mode.OIDC;
  }
}
