package io.pulse.analytics;

import io.pulse.api.JourneyStage;
import io.pulse.api.Parameter;
import io.pulse.feedback.EventColumns;
import io.pulse.index.IntegrityCheck;
import io.pulse.index.RecommendModel;
import io.pulse.index.Tally;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/**
 * The analytics PostgreSQL answers better than the running aggregates: figures per journey stage,
 * repeated customers, and correlations with RECOMMEND (which need the answers paired).
 */
@Repository
class AnalyticsRepository {

  /** A parameter's correlation with RECOMMEND over answers that rate both. */
  record Correlation(@Nullable Double r, long pairs) {}

  private static final Map<Parameter, String> COLUMN =
      Map.of(
          Parameter.CONSULTATION, "consultation",
          Parameter.COMMUNICATION, "communication",
          Parameter.VISIT, "visit",
          Parameter.RECOMMEND, "recommend",
          Parameter.SPEED, "speed",
          Parameter.CAR, "car",
          Parameter.RETURN, "return_intent");

  private final DatabaseClient db;

  AnalyticsRepository(DatabaseClient db) {
    this.db = db;
  }

  /**
   * One dealer's answers from {@code since} on (the window's first counted instant, so the stages
   * add up to the window's responses), tallied per journey stage.
   */
  Mono<Map<JourneyStage, Tally>> stageTallies(String dealerId, Instant since) {
    return db.sql(
            """
            SELECT stage, consultation, communication, visit, recommend, speed, car, return_intent
            FROM feedback_event WHERE dealer_id = :d AND occurred_at >= :since
            """)
        .bind("d", dealerId)
        .bind("since", since)
        .map(row ->
            Map.entry(
                JourneyStage.valueOf(row.get("stage", String.class)), EventColumns.scores(row)))
        .all()
        .collect(
            () -> new EnumMap<JourneyStage, Tally.Builder>(JourneyStage.class),
            (m, e) ->
                m.computeIfAbsent(e.getKey(), s -> Tally.builder())
                    .addAnswer(e.getKey(), e.getValue()))
        .map(m -> {
          Map<JourneyStage, Tally> out = new EnumMap<>(JourneyStage.class);
          m.forEach((stage, b) -> out.put(stage, b.build()));
          return out;
        });
  }

  /**
   * Per dealer, the most answers any one customerRef gave at one journey stage from {@code since}
   * on, and that stage (the first by name on a tie).
   */
  Mono<Map<String, IntegrityCheck.Repeats>> repeats(List<String> dealerIds, Instant since) {
    if (dealerIds.isEmpty()) {
      return Mono.just(Map.of());
    }
    return db.sql(
            """
            SELECT DISTINCT ON (dealer_id) dealer_id, stage, n FROM (
              SELECT dealer_id, customer_ref, stage, count(*) AS n FROM feedback_event
              WHERE dealer_id = ANY(:ids::text[]) AND occurred_at >= :since AND customer_ref IS NOT NULL
              GROUP BY dealer_id, customer_ref, stage) t
            ORDER BY dealer_id, n DESC, stage
            """)
        .bind("ids", dealerIds.toArray(String[]::new))
        .bind("since", since)
        .map(row ->
            Map.entry(
                row.get("dealer_id", String.class),
                new IntegrityCheck.Repeats(
                    row.get("n", Long.class),
                    JourneyStage.valueOf(row.get("stage", String.class)))))
        .all()
        .collectMap(Map.Entry::getKey, Map.Entry::getValue, HashMap::new);
  }

  /**
   * Per dealer, how many answers it had in the same hour of the day as the hour ending {@code now}
   * — the hours ending 1, 2, … days before now — from {@code since} on: the dealer's own usual
   * traffic at this time of day, against which a burst is judged. Days are 24 hours of absolute
   * time (a change of daylight saving time shifts one day's hour: negligible over 30).
   */
  Mono<Map<String, Long>> answersAtThisHourOfDay(
      List<String> dealerIds, Instant since, Instant now) {
    if (dealerIds.isEmpty()) {
      return Mono.just(Map.of());
    }
    return db.sql(
            """
            SELECT dealer_id, count(*) AS n FROM feedback_event
            WHERE dealer_id = ANY(:ids::text[]) AND occurred_at >= :since
              AND occurred_at <= :now - interval '1 day'
              AND mod(extract(epoch FROM (:now - occurred_at)), 86400) < 3600
            GROUP BY dealer_id
            """)
        .bind("ids", dealerIds.toArray(String[]::new))
        .bind("since", since)
        .bind("now", now)
        .map(row -> Map.entry(row.get("dealer_id", String.class), row.get("n", Long.class)))
        .all()
        .collectMap(Map.Entry::getKey, Map.Entry::getValue, HashMap::new);
  }

  /**
   * Pairwise covariances of the normalised (0–100) scores of every two parameters over a brand's
   * answers from {@code since} on, each over the answers rating both, as {@link RecommendModel}
   * takes them.
   */
  Mono<RecommendModel.Covariances> covariances(String brandId, Instant since) {
    Parameter[] all = Parameter.values();
    StringBuilder select = new StringBuilder("SELECT ");
    for (int i = 0; i < all.length; i++) {
      for (int j = i; j < all.length; j++) {
        String a = "e." + COLUMN.get(all[i]);
        String b = "e." + COLUMN.get(all[j]);
        select
            .append("covar_samp(")
            .append(a)
            .append(", ")
            .append(b)
            .append(") AS c_")
            .append(i)
            .append('_')
            .append(j)
            .append(", count(*) FILTER (WHERE ")
            .append(a)
            .append(" IS NOT NULL AND ")
            .append(b)
            .append(" IS NOT NULL) AS n_")
            .append(i)
            .append('_')
            .append(j)
            .append(", ");
      }
    }
    select.setLength(select.length() - 2);
    select.append(
        " FROM feedback_event e JOIN dealer d ON d.id = e.dealer_id"
            + " WHERE d.brand_id = :b AND e.occurred_at >= :since");
    return db.sql(select.toString())
        .bind("b", brandId)
        .bind("since", since)
        .map(row -> {
          RecommendModel.Covariance[][] c = new RecommendModel.Covariance[all.length][all.length];
          for (int i = 0; i < all.length; i++) {
            for (int j = i; j < all.length; j++) {
              Double raw = row.get("c_" + i + "_" + j, Double.class);
              Long n = row.get("n_" + i + "_" + j, Long.class);
              if (raw != null) {
                // Normalised = step·raw + offset: covariances scale by the two steps.
                double scaled = raw * step(all[i]) * step(all[j]);
                c[i][j] = new RecommendModel.Covariance(scaled, n == null ? 0 : n);
                c[j][i] = c[i][j];
              }
            }
          }
          return (RecommendModel.Covariances) (a, b) -> c[a.ordinal()][b.ordinal()];
        })
        .one();
  }

  /**
   * Points of the normalised score per point of the parameter's scale (25 for 1–5, 10 for 0–10).
   */
  private static double step(Parameter p) {
    return 100.0 / (p.max() - p.min());
  }

  /** Correlations of every parameter with RECOMMEND for a brand, or one brand in one region. */
  Mono<Map<Parameter, Correlation>> correlations(
      String brandId, @Nullable String regionId, Instant since) {
    StringBuilder select = new StringBuilder("SELECT ");
    for (Parameter p : Parameter.values()) {
      if (p == Parameter.RECOMMEND) {
        continue;
      }
      String c = COLUMN.get(p);
      select
          .append("corr(e.")
          .append(c)
          .append(", e.recommend) AS r_")
          .append(c)
          .append(", ")
          .append("count(e.")
          .append(c)
          .append(") FILTER (WHERE e.recommend IS NOT NULL) AS n_")
          .append(c)
          .append(", ");
    }
    select.setLength(select.length() - 2);
    select.append(
        " FROM feedback_event e JOIN dealer d ON d.id = e.dealer_id WHERE d.brand_id = :b AND e.occurred_at >= :since");
    if (regionId != null) {
      select.append(" AND d.region_id = :r");
    }
    DatabaseClient.GenericExecuteSpec spec =
        db.sql(select.toString()).bind("b", brandId).bind("since", since);
    if (regionId != null) {
      spec = spec.bind("r", regionId);
    }
    return spec.map(
            row -> {
              Map<Parameter, Correlation> out = new EnumMap<>(Parameter.class);
              for (Parameter p : Parameter.values()) {
                if (p != Parameter.RECOMMEND) {
                  String c = COLUMN.get(p);
                  Long n = row.get("n_" + c, Long.class);
                  out.put(p, new Correlation(row.get("r_" + c, Double.class), n == null ? 0 : n));
                }
              }
              return out;
            })
        .one();
  }
}
