package io.pulse.loadtest.feeders;

import io.pulse.loadtest.config.Network;
import io.pulse.loadtest.config.Network.BrandRegion;
import io.pulse.loadtest.config.Network.NetworkDealer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;

/**
 * Who the executives are and what they watch. The mix, by share of executives: 40 % regional brand
 * managers (a brand × region cell: its stream, its dealer ranking and segments, one dealer's
 * analysis), 30 % brand executives (the brand's stream, its regions, drivers, integrity, segments),
 * 20 % regional directors (a region's stream, its ranking and index) and 10 % network heads (the
 * network stream and index, a brand's regions).
 */
public final class Executives {

  /** What an executive is responsible for. */
  public enum Kind {
    /** A brand × region cell. */
    CELL,
    /** A brand. */
    BRAND,
    /** A region. */
    REGION,
    /** The whole network. */
    NETWORK
  }

  private Executives() {}

  /**
   * {@code count} feeder records ({@code kind}, {@code brandId}, {@code regionId}, {@code
   * dealerId}, {@code streamName}, {@code streamPath}, {@code analyticsWindow}), drawn with {@code
   * seed}.
   */
  public static List<Map<String, Object>> records(
      Network network, int count, long seed, String window, String analyticsWindow) {
    Random random = new Random(seed);
    List<Map<String, Object>> records = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      double u = random.nextDouble();
      Kind kind = u < 0.4 ? Kind.CELL : u < 0.7 ? Kind.BRAND : u < 0.9 ? Kind.REGION : Kind.NETWORK;
      NetworkDealer dealer;
      String brandId;
      String regionId;
      String streamName;
      String streamPath;
      switch (kind) {
        case CELL -> {
          BrandRegion cell = pick(network.brandRegions(), random);
          dealer =
              pickIn(
                  network,
                  random,
                  d -> d.brandId().equals(cell.brandId()) && d.regionId().equals(cell.regionId()));
          brandId = cell.brandId();
          regionId = cell.regionId();
          streamName = "GET /stream/brands/{id}/regions/{id}";
          streamPath = "/api/v1/stream/brands/" + cell.brandId() + "/regions/" + cell.regionId();
        }
        case BRAND -> {
          String brand = pick(network.brands(), random);
          dealer = pickIn(network, random, d -> d.brandId().equals(brand));
          brandId = brand;
          regionId = dealer.regionId();
          streamName = "GET /stream/brands/{id}";
          streamPath = "/api/v1/stream/brands/" + brand;
        }
        case REGION -> {
          String region = pick(network.regions(), random);
          dealer = pickIn(network, random, d -> d.regionId().equals(region));
          brandId = dealer.brandId();
          regionId = region;
          streamName = "GET /stream/regions/{id}";
          streamPath = "/api/v1/stream/regions/" + region;
        }
        default -> {
          dealer = pick(network.dealers(), random);
          brandId = dealer.brandId();
          regionId = dealer.regionId();
          streamName = "GET /stream/network";
          streamPath = "/api/v1/stream/network";
        }
      }
      Map<String, Object> record = new HashMap<>();
      record.put("kind", kind.name());
      record.put("brandId", brandId);
      record.put("regionId", regionId);
      record.put("dealerId", dealer.id());
      record.put("streamName", streamName);
      record.put("streamPath", streamPath + "?window=" + window);
      record.put("analyticsWindow", analyticsWindow);
      records.add(record);
    }
    return records;
  }

  private static <T> T pick(List<T> list, Random random) {
    return list.get(random.nextInt(list.size()));
  }

  private static NetworkDealer pickIn(
      Network network, Random random, Predicate<NetworkDealer> scope) {
    List<NetworkDealer> inScope = network.dealers().stream().filter(scope).toList();
    return inScope.isEmpty() ? pick(network.dealers(), random) : pick(inScope, random);
  }
}
