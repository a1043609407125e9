package io.pulse.security;

import io.micrometer.core.instrument.MeterRegistry;
import io.pulse.system.RedisConnections;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The two things whose failures are throttled per minute: sign-ins and API keys. */
@Configuration(proxyBeanMethods = false)
class FailureThrottles {

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
}
