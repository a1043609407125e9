package io.pulse.support;

import java.time.Instant;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.WebTestClientBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Replaces the system clock with one the test moves, and makes the test client an admin (tests of
 * access control use their own clients and credentials).
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestClockConfiguration {

  /** The demo admin of application.yaml, as an Authorization header. */
  public static final String ADMIN = Caller.basic("admin", "admin");

  @Bean
  WebTestClientBuilderCustomizer adminByDefault() {
    return builder -> builder.defaultHeader("Authorization", ADMIN);
  }

  @Bean
  @Primary
  MutableClock mutableClock() {
    return new MutableClock(Instant.parse("2026-11-23T10:00:30Z"));
  }
}
