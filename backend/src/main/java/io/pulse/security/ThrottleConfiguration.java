package io.pulse.security;

import io.micrometer.core.instrument.MeterRegistry;
import io.pulse.system.RedisConnections;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The throttles kept in Redis: failures per minute of sign-ins, of API keys and of e-mail
 * confirmation links, and the token buckets of expensive reads.
 */
@Configuration(proxyBeanMethods = false)
class ThrottleConfiguration {

  /** Failed sign-ins per user name and source address. */
  @Bean
  FailureThrottle signInThrottle(
      RedisConnections redis,
      SecurityProperties properties,
      @Value("${pulse.windows.key-prefix:pulse}") String prefix,
      MeterRegistry meters) {
    return new FailureThrottle(
        "signin",
        properties::failedSignInsPerMinute,
        redis.ingest(),
        prefix,
        meters,
        "Sign-ins refused because their user name had too many failures from their address");
  }

  /** Unknown or revoked API keys per source address. */
  @Bean
  FailureThrottle unknownKeyThrottle(
      RedisConnections redis,
      SecurityProperties properties,
      @Value("${pulse.windows.key-prefix:pulse}") String prefix,
      MeterRegistry meters) {
    return new FailureThrottle(
        "apikey",
        properties::unknownApiKeysPerMinute,
        redis.ingest(),
        prefix,
        meters,
        "API keys refused because their address presented too many unknown keys");
  }

  /**
   * E-mail confirmation links that did not work, per source address: the one endpoint anyone may
   * call without credentials.
   */
  @Bean
  FailureThrottle confirmationThrottle(
      RedisConnections redis,
      SecurityProperties properties,
      @Value("${pulse.windows.key-prefix:pulse}") String prefix,
      MeterRegistry meters) {
    return new FailureThrottle(
        "confirm",
        properties::failedConfirmationsPerMinute,
        redis.ingest(),
        prefix,
        meters,
        "E-mail confirmations refused because their address sent too many links that did not"
            + " work");
  }

  @Bean
  ExpensiveReadLimiter expensiveReadLimiter(
      RedisConnections redis,
      ExpensiveReadProperties properties,
      Access access,
      Clock clock,
      @Value("${pulse.windows.key-prefix:pulse}") String prefix,
      MeterRegistry meters) {
    return new ExpensiveReadLimiter(redis.ingest(), properties, access, clock, prefix, meters);
  }
}
