package io.pulse.network;

import io.pulse.api.Brand;
import io.pulse.api.Dealer;
import io.pulse.api.Region;
import io.r2dbc.spi.Readable;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Brands, regions and dealers in PostgreSQL. Upserts are set-based (one statement per list) and
 * touch a row only when something changed, so loading the same network twice changes nothing.
 */
@Repository
class NetworkRepository {

  private final DatabaseClient db;

  NetworkRepository(DatabaseClient db) {
    this.db = db;
  }

  Mono<Map<String, UpsertOutcome>> upsertBrands(List<Brand> brands) {
    return upsertNamed(
        "brand",
        brands.stream().map(Brand::id).toList(),
        brands.stream().map(Brand::name).toList());
  }

  Mono<Map<String, UpsertOutcome>> upsertRegions(List<Region> regions) {
    return upsertNamed(
        "region",
        regions.stream().map(Region::id).toList(),
        regions.stream().map(Region::name).toList());
  }

  private Mono<Map<String, UpsertOutcome>> upsertNamed(
      String table, List<String> ids, List<String> names) {
    if (ids.isEmpty()) {
      return Mono.just(Map.of());
    }
    String sql =
        """
        INSERT INTO %1$s (id, name) SELECT * FROM unnest(:ids::text[], :names::text[])
        ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, updated_at = now()
          WHERE %1$s.name IS DISTINCT FROM EXCLUDED.name
        RETURNING id, (xmax = 0) AS created
        """
            .formatted(table);
    return db.sql(sql)
        .bind("ids", ids.toArray(String[]::new))
        .bind("names", names.toArray(String[]::new))
        .map(row ->
            Map.entry(
                row.get("id", String.class),
                Boolean.TRUE.equals(row.get("created", Boolean.class))))
        .all()
        .collectList()
        .map(changed -> outcomes(ids, changed));
  }

  Mono<List<DealerChange>> upsertDealers(List<Dealer> dealers) {
    if (dealers.isEmpty()) {
      return Mono.just(List.of());
    }
    String sql =
        """
        WITH input AS (
          SELECT * FROM unnest(:ids::text[], :names::text[], :brands::text[], :regions::text[],
                               :cities::text[], :zones::text[])
            AS t(id, name, brand_id, region_id, city, time_zone)),
        old AS (SELECT d.id, d.brand_id, d.region_id FROM dealer d JOIN input i USING (id)),
        up AS (
          INSERT INTO dealer (id, name, brand_id, region_id, city, time_zone)
          SELECT id, name, brand_id, region_id, city, time_zone FROM input
          ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, brand_id = EXCLUDED.brand_id,
            region_id = EXCLUDED.region_id, city = EXCLUDED.city, time_zone = EXCLUDED.time_zone,
            updated_at = now()
          WHERE (dealer.name, dealer.brand_id, dealer.region_id, dealer.city, dealer.time_zone)
            IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.brand_id, EXCLUDED.region_id, EXCLUDED.city,
                              EXCLUDED.time_zone)
          RETURNING id, (xmax = 0) AS created),
        seqs AS (INSERT INTO dealer_seq (dealer_id) SELECT id FROM up WHERE created
                 ON CONFLICT DO NOTHING)
        SELECT up.id, up.created, old.brand_id AS old_brand, old.region_id AS old_region
        FROM up LEFT JOIN old USING (id)
        """;
    return db.sql(sql)
        .bind("ids", dealers.stream().map(Dealer::id).toArray(String[]::new))
        .bind("names", dealers.stream().map(Dealer::name).toArray(String[]::new))
        .bind("brands", dealers.stream().map(Dealer::brandId).toArray(String[]::new))
        .bind("regions", dealers.stream().map(Dealer::regionId).toArray(String[]::new))
        .bind("cities", dealers.stream().map(Dealer::city).toArray(String[]::new))
        .bind("zones", dealers.stream().map(Dealer::timeZone).toArray(String[]::new))
        .map(row ->
            new DealerChange(
                row.get("id", String.class),
                Boolean.TRUE.equals(row.get("created", Boolean.class))
                    ? UpsertOutcome.CREATED
                    : UpsertOutcome.UPDATED,
                row.get("old_brand", String.class),
                row.get("old_region", String.class)))
        .all()
        .collectList()
        .map(changed -> {
          Map<String, DealerChange> byId = new HashMap<>();
          changed.forEach(c -> byId.put(c.dealerId(), c));
          return dealers.stream()
              .map(d ->
                  byId.getOrDefault(
                      d.id(), new DealerChange(d.id(), UpsertOutcome.UNCHANGED, null, null)))
              .toList();
        });
  }

  Mono<List<String>> missingBrands(List<String> ids) {
    return missing("brand", ids);
  }

  Mono<List<String>> missingRegions(List<String> ids) {
    return missing("region", ids);
  }

  private Mono<List<String>> missing(String table, List<String> ids) {
    if (ids.isEmpty()) {
      return Mono.just(List.of());
    }
    return db.sql(
            "SELECT i.id FROM unnest(:ids::text[]) AS i(id) WHERE NOT EXISTS (SELECT 1 FROM %s t WHERE t.id = i.id)"
                .formatted(table))
        .bind("ids", ids.toArray(String[]::new))
        .map(row -> row.get("id", String.class))
        .all()
        .collectList();
  }

  Flux<Brand> brands() {
    return db.sql("SELECT id, name FROM brand ORDER BY id")
        .map(row -> new Brand(row.get("id", String.class), row.get("name", String.class)))
        .all();
  }

  Flux<Region> regions() {
    return db.sql("SELECT id, name FROM region ORDER BY id")
        .map(row -> new Region(row.get("id", String.class), row.get("name", String.class)))
        .all();
  }

  Flux<Dealer> dealers() {
    return db.sql("SELECT id, name, brand_id, region_id, city, time_zone FROM dealer ORDER BY id")
        .map(NetworkRepository::dealer)
        .all();
  }

  Flux<Dealer> dealers(List<String> ids) {
    return db.sql(
            "SELECT id, name, brand_id, region_id, city, time_zone FROM dealer WHERE id = ANY(:ids::text[])")
        .bind("ids", ids.toArray(String[]::new))
        .map(NetworkRepository::dealer)
        .all();
  }

  private static Dealer dealer(Readable row) {
    return new Dealer(
        row.get("id", String.class),
        row.get("name", String.class),
        row.get("brand_id", String.class),
        row.get("region_id", String.class),
        row.get("city", String.class),
        row.get("time_zone", String.class));
  }

  private static Map<String, UpsertOutcome> outcomes(
      List<String> ids, List<Map.Entry<String, Boolean>> changed) {
    Map<String, Boolean> created = new HashMap<>();
    changed.forEach(e -> created.put(e.getKey(), e.getValue()));
    Map<String, UpsertOutcome> result = new LinkedHashMap<>();
    for (String id : ids) {
      Boolean c = created.get(id);
      result.put(
          id,
          c == null ? UpsertOutcome.UNCHANGED : c ? UpsertOutcome.CREATED : UpsertOutcome.UPDATED);
    }
    return result;
  }

  static <T> Map<String, T> byId(List<T> items, Function<T, String> id) {
    Map<String, T> m = new HashMap<>();
    items.forEach(i -> m.put(id.apply(i), i));
    return m;
  }
}
