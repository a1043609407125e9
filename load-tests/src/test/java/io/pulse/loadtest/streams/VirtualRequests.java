package io.pulse.loadtest.streams;

import io.gatling.commons.stats.Status;
import io.gatling.commons.validation.Success;
import io.gatling.commons.validation.Validation;
import io.gatling.core.action.Action;
import io.gatling.core.action.SessionHook;
import io.gatling.core.session.Session;
import io.gatling.core.stats.StatsEngine;
import io.gatling.core.structure.ScenarioContext;
import io.gatling.javaapi.core.ActionBuilder;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;
import scala.Function1;
import scala.Option;

/**
 * Timings the simulations measure themselves, logged into Gatling's report as requests of their own
 * name (percentiles, charts, assertions). Gatling's Java DSL has no public call for custom timings,
 * so this builds a core {@link SessionHook} with the scenario's {@link StatsEngine}.
 */
public final class VirtualRequests {

  private VirtualRequests() {}

  /** Logs one virtual request from {@code start} to {@code end} (epoch ms). */
  public static void log(
      StatsEngine stats,
      Session session,
      String name,
      long start,
      long end,
      Status status,
      @Nullable String message) {
    stats.logResponse(
        session.scenario(),
        session.groups(),
        name,
        start,
        end,
        status,
        Option.<String>apply(null),
        Option.apply(message));
  }

  /** An action that runs {@code effect} with the stats engine and the user's session. */
  public static ActionBuilder hook(String name, BiConsumer<StatsEngine, Session> effect) {
    return () ->
        new io.gatling.core.action.builder.ActionBuilder() {
          @Override
          public Action build(ScenarioContext ctx, Action next) {
            StatsEngine stats = ctx.coreComponents().statsEngine();
            Function1<Session, Validation<Session>> f =
                session -> {
                  effect.accept(stats, session);
                  return new Success<>(session);
                };
            return new SessionHook(f, name, stats, next);
          }
        };
  }
}
