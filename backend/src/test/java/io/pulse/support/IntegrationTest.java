package io.pulse.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/**
 * A full backend on a random port against the real local PostgreSQL and Redis, isolated by database
 * and key prefix, with a {@link MutableClock} and the ticker and reconciler driven by the test
 * rather than running on their own.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "pulse.windows.background=false",
      "spring.main.banner-mode=off",
      // Tests open many streams as the one admin.
      "pulse.security.max-streams-per-user=10000",
      // Tests read analyses many times over as one user; ExpensiveReadLimiterIntegrationTests
      // holds the limit itself.
      "pulse.security.expensive-reads.burst=1000000",
      // Several test contexts live at once in one JVM; together they must stay well inside
      // PostgreSQL's max_connections (100 by default), next to whatever else runs.
      "spring.r2dbc.pool.initial-size=1",
      "spring.r2dbc.pool.max-size=5"
    })
@AutoConfigureWebTestClient
@ContextConfiguration(initializers = IsolatedServicesInitializer.class)
@Import(TestClockConfiguration.class)
public @interface IntegrationTest {}
