package io.pulse.support;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Points a test context at this JVM's database and a Redis key prefix of its own. (Redis host and
 * port come from the same PULSE_REDIS_* variables as the application's, so a test can still
 * override them, e.g. through a proxy.)
 */
public class IsolatedServicesInitializer
    implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    String db = TestServices.database();
    TestPropertyValues.of(
            "spring.r2dbc.url=" + TestServices.r2dbcUrl(db),
            "spring.r2dbc.username=" + TestServices.DB_USER,
            "spring.r2dbc.password=" + TestServices.DB_PASSWORD,
            "spring.flyway.url=" + TestServices.jdbcUrl(db),
            "spring.flyway.user=" + TestServices.DB_USER,
            "spring.flyway.password=" + TestServices.DB_PASSWORD,
            "pulse.windows.key-prefix=" + TestServices.redisPrefix())
        .applyTo(context);
  }
}
