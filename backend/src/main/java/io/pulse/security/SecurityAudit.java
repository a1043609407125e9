package io.pulse.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.pulse.system.ThrottledLog;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Writes what happens at the trust boundary to the {@link AuditLog}: sign-ins, failed sign-ins,
 * rejected API keys and denials (403). These come at a stranger's pace, so they are sampled before
 * they reach the table: per instance, a source address gets at most {@code
 * pulse.security.audited-failures-per-source-per-minute} failure or denial rows a minute, and all
 * sources together at most {@code audited-failures-per-minute}; a successful sign-in is written
 * once per user and address every {@link #SIGN_IN_EVERY} (HTTP Basic and keys authenticate every
 * request). What is left out is counted ({@code pulse.audit.sampled.out}). Writing these never
 * fails a request: a row that could not be written is counted ({@code pulse.audit.unwritten}) and
 * logged at most once a minute. The state changes themselves (keys, reference data, rebuilds,
 * alerts) are written by their endpoints, unsampled, and fail the request when they cannot be.
 */
@Component
public class SecurityAudit {

  /** A successful sign-in of one user from one address is written at most this often. */
  static final Duration SIGN_IN_EVERY = Duration.ofMinutes(10);

  /** How long a sampled write may hold up its request. */
  private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(2);

  private static final Logger log = LoggerFactory.getLogger(SecurityAudit.class);

  private final AuditLog audit;
  private final SecurityProperties properties;
  private final Cache<String, Boolean> signIns =
      Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(SIGN_IN_EVERY).build();
  private final Cache<String, AtomicInteger> perSource =
      Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(Duration.ofMinutes(1)).build();
  private final AtomicLong minute = new AtomicLong(-1);
  private final AtomicInteger inMinute = new AtomicInteger();
  private final Counter sampledOut;
  private final Counter unwritten;
  private final ThrottledLog unwrittenLog = new ThrottledLog(log, Duration.ofMinutes(1));

  SecurityAudit(AuditLog audit, SecurityProperties properties, MeterRegistry meters) {
    this.audit = audit;
    this.properties = properties;
    this.sampledOut =
        Counter.builder("pulse.audit.sampled.out")
            .description("Failed sign-ins, rejected keys and denials not written to the audit log")
            .register(meters);
    this.unwritten =
        Counter.builder("pulse.audit.unwritten")
            .description("Audit rows of sign-ins and denials that could not be written")
            .register(meters);
  }

  /** A user signed in (written once per user and address per {@link #SIGN_IN_EVERY}). */
  Mono<Void> signedIn(String user, String source) {
    if (signIns.asMap().putIfAbsent(user + "\n" + source, Boolean.TRUE) != null) {
      return Mono.empty();
    }
    return write(user, "SIGN_IN", null, source, AuditLog.Outcome.OK);
  }

  /** A sign-in under {@code name} failed ({@code why}: bad credentials, throttled). */
  Mono<Void> signInFailed(String name, String source, String why, AuditLog.Outcome outcome) {
    return sampled(source) ? write(name, "SIGN_IN", why, source, outcome) : Mono.empty();
  }

  /** An API key was refused ({@code why}: unknown, throttled). */
  Mono<Void> keyRejected(String source, String why, AuditLog.Outcome outcome) {
    return sampled(source) ? write("anonymous", "API_KEY", why, source, outcome) : Mono.empty();
  }

  /**
   * A confirmation link was refused ({@code why}: did not work, throttled). Its owner, if any, is
   * not named: the link's token is all a stranger sent.
   */
  public Mono<Void> confirmationRefused(String source, String why, AuditLog.Outcome outcome) {
    return sampled(source)
        ? write("anonymous", "NOTIFICATIONS_CONFIRMED", why, source, outcome)
        : Mono.empty();
  }

  /** A caller was refused (403) {@code method path}. */
  public Mono<Void> denied(@Nullable String actor, String method, String path, String source) {
    return sampled(source)
        ? write(
            actor == null ? "anonymous" : actor,
            "ACCESS",
            method + " " + (path.length() > 500 ? path.substring(0, 500) : path),
            source,
            AuditLog.Outcome.DENIED)
        : Mono.empty();
  }

  /** Whether one more failure row of {@code source} is within this minute's allowance. */
  private boolean sampled(String source) {
    long now = TimeUnit.NANOSECONDS.toMinutes(System.nanoTime());
    long seen = minute.get();
    if (seen != now && minute.compareAndSet(seen, now)) {
      inMinute.set(0);
    }
    boolean admitted =
        perSource.get(source, s -> new AtomicInteger()).incrementAndGet()
                <= properties.auditedFailuresPerSourcePerMinute()
            && inMinute.incrementAndGet() <= properties.auditedFailuresPerMinute();
    if (!admitted) {
      sampledOut.increment();
    }
    return admitted;
  }

  private Mono<Void> write(
      String actor,
      String action,
      @Nullable String detail,
      String source,
      AuditLog.Outcome outcome) {
    return audit
        .record(actor, action, detail, source, outcome)
        .timeout(WRITE_TIMEOUT)
        .onErrorResume(e -> {
          unwritten.increment();
          unwrittenLog.warn(
              "unwritten", () -> "could not write " + action + " to the audit log: " + e);
          return Mono.empty();
        });
  }
}
