package io.pulse.simulator;

import io.pulse.api.Brand;
import io.pulse.api.Dealer;
import io.pulse.api.Parameter;
import io.pulse.api.Region;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/** Generates a realistic, skewed dealer network, deterministically from a seed. */
public final class NetworkGenerator {

  /** Dealers in the default network. */
  public static final int DEFAULT_DEALERS = 10_000;

  /** Brands in the default network. */
  public static final int DEFAULT_BRANDS = 20;

  /** Regions in the default network: all 85 Russian federal subjects. */
  public static final int DEFAULT_REGIONS = RegionCatalog.REGIONS.size();

  /** Most brands a network can have. */
  public static final int MAX_BRANDS = 200;

  /** Most regions a network can have: the size of the region catalogue. */
  public static final int MAX_REGIONS = RegionCatalog.REGIONS.size();

  /** Most dealers a network can have. */
  public static final int MAX_DEALERS = 1_000_000;

  private static final List<String> BRAND_NAMES =
      List.of(
          "Volta",
          "Kestrel",
          "Aurora",
          "Norda",
          "Stellan",
          "Baikal",
          "Zenit",
          "Orion",
          "Vektor",
          "Lumen",
          "Taiga",
          "Meridian",
          "Sokol",
          "Altair",
          "Granit",
          "Polaris",
          "Ladoga",
          "Corsa",
          "Vireo",
          "Kama");

  private static final List<String> BRAND_SYLLABLES =
      List.of("ka", "ro", "vel", "tan", "mi", "sor", "le", "da", "nix", "ar", "zu", "bo", "ten");

  private static final List<String> DEALER_GROUPS =
      List.of(
          "Avtograd",
          "Prime Motors",
          "Sever",
          "Magistral",
          "Favorit",
          "Orbita",
          "Triumph",
          "Neva Motors",
          "Ural Motors",
          "Vostok Auto",
          "Yug Auto",
          "Kontinent",
          "Premier",
          "Avtodom",
          "Start");

  private static final List<Parameter> SCALE_PARAMETERS_BUT_SPEED =
      List.of(
          Parameter.CONSULTATION,
          Parameter.COMMUNICATION,
          Parameter.VISIT,
          Parameter.CAR,
          Parameter.RETURN);

  // Pareto shape of dealer activity: about 20 % of dealers bring 80 % of the feedback.
  private static final double ACTIVITY_PARETO_ALPHA = 1.16;
  private static final double MAX_ACTIVITY = 100;
  private static final double LOW_ENGAGEMENT_FACTOR = 0.02;
  // Gamers are small dealers padding their numbers: modest real volume, bursts on top.
  private static final double GAMING_FACTOR = 0.6;

  private NetworkGenerator() {}

  /** The default network: 10,000 dealers, 20 brands, 85 regions. */
  public static SimulatedNetwork generate(long seed) {
    return generate(seed, DEFAULT_DEALERS, DEFAULT_BRANDS, DEFAULT_REGIONS);
  }

  /**
   * A network of the given size. Dealer {@code i} depends only on the seed and {@code i}, so a
   * larger network extends a smaller one with the same seed instead of reshuffling it.
   */
  public static SimulatedNetwork generate(long seed, int dealers, int brands, int regions) {
    requireRange("dealers", dealers, 1, MAX_DEALERS);
    requireRange("brands", brands, 1, MAX_BRANDS);
    requireRange("regions", regions, 1, MAX_REGIONS);

    List<Brand> brandList = brands(seed, brands);
    List<Region> regionList = new ArrayList<>();
    double[] regionWeights = new double[regions];
    for (int r = 0; r < regions; r++) {
      RegionCatalog.Entry entry = RegionCatalog.REGIONS.get(r);
      regionList.add(new Region(regionId(r), entry.name()));
      // Dealer density grows faster than population: big cities are richer and buy more cars.
      regionWeights[r] = Math.pow(entry.populationMillions(), 1.15);
    }
    double[] brandWeights = new double[brands];
    for (int b = 0; b < brands; b++) {
      brandWeights[b] = 1 / Math.pow(b + 1, 0.8);
    }
    double[] brandCumulative = cumulative(brandWeights);
    double[] regionCumulative = cumulative(regionWeights);

    List<Dealer> dealerList = new ArrayList<>(dealers);
    Map<String, DealerProfile> profiles = new HashMap<>(dealers * 2);
    for (int i = 0; i < dealers; i++) {
      RandomGenerator rng = new SplittableRandom(mix(seed, i));
      // The first dealers cover every brand and region, so none is empty in a small network.
      int brand = i < brands ? i : pick(brandCumulative, rng);
      int region = i < regions ? i : pick(regionCumulative, rng);
      RegionCatalog.Entry entry = RegionCatalog.REGIONS.get(region);
      String city = pickCity(entry.cities(), rng);
      String group = DEALER_GROUPS.get(rng.nextInt(DEALER_GROUPS.size()));
      Brand simBrand = brandList.get(brand);
      Dealer dealer =
          new Dealer(
              dealerId(i),
              group + " " + simBrand.name() + " " + city,
              simBrand.id(),
              regionList.get(region).id(),
              city,
              entry.zone());
      dealerList.add(dealer);
      profiles.put(dealer.id(), profile(rng));
    }
    return new SimulatedNetwork(seed, brandList, regionList, dealerList, profiles);
  }

  /** The id of the {@code index}-th dealer (0-based): D00001, D00002, … */
  public static String dealerId(int index) {
    return "D%05d".formatted(index + 1);
  }

  /** The id of the {@code index}-th region (0-based): R01 … R85. */
  public static String regionId(int index) {
    return "R%02d".formatted(index + 1);
  }

  private static List<Brand> brands(long seed, int count) {
    List<Brand> brands = new ArrayList<>(count);
    Set<String> ids = new HashSet<>();
    RandomGenerator rng = new SplittableRandom(mix(seed, -1));
    for (int b = 0; b < count; b++) {
      String name = b < BRAND_NAMES.size() ? BRAND_NAMES.get(b) : inventedBrandName(rng, ids);
      String id = name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "-");
      ids.add(id);
      brands.add(new Brand(id, name));
    }
    return brands;
  }

  private static String inventedBrandName(RandomGenerator rng, Set<String> taken) {
    while (true) {
      StringBuilder name = new StringBuilder();
      int syllables = 2 + rng.nextInt(2);
      for (int s = 0; s < syllables; s++) {
        name.append(BRAND_SYLLABLES.get(rng.nextInt(BRAND_SYLLABLES.size())));
      }
      String capitalised = Character.toUpperCase(name.charAt(0)) + name.substring(1);
      if (!taken.contains(capitalised.toUpperCase(Locale.ROOT))) {
        return capitalised;
      }
    }
  }

  private static DealerProfile profile(RandomGenerator rng) {
    Personality personality = pickPersonality(rng);
    Set<Parameter> weak = EnumSet.noneOf(Parameter.class);
    if (personality == Personality.WEAK_ON) {
      // Half the weak dealers are slow: SPEED is the most common complaint in the trade.
      weak.add(
          rng.nextDouble() < 0.5
              ? Parameter.SPEED
              : SCALE_PARAMETERS_BUT_SPEED.get(rng.nextInt(SCALE_PARAMETERS_BUT_SPEED.size())));
      if (rng.nextDouble() < 0.35) {
        List<Parameter> others = new ArrayList<>(SCALE_PARAMETERS_BUT_SPEED);
        others.add(Parameter.SPEED);
        others.removeAll(weak);
        weak.add(others.get(rng.nextInt(others.size())));
      }
    }
    double pareto = Math.pow(1 - rng.nextDouble(), -1 / ACTIVITY_PARETO_ALPHA);
    double activity =
        switch (personality) {
          case LOW_ENGAGEMENT -> LOW_ENGAGEMENT_FACTOR * Math.min(pareto, 3);
          case GAMING -> GAMING_FACTOR * Math.min(pareto, MAX_ACTIVITY);
          default -> Math.min(pareto, MAX_ACTIVITY);
        };
    double offset = Math.clamp(rng.nextGaussian() * 0.04, -0.1, 0.1);
    int burstPhase = rng.nextInt(DealerProfile.BURST_CYCLE_MINUTES);
    return new DealerProfile(personality, weak, activity, offset, burstPhase);
  }

  private static Personality pickPersonality(RandomGenerator rng) {
    int roll = rng.nextInt(100);
    for (Personality personality : Personality.values()) {
      roll -= personality.sharePercent();
      if (roll < 0) {
        return personality;
      }
    }
    throw new IllegalStateException("personality shares do not add up to 100");
  }

  private static String pickCity(List<String> cities, RandomGenerator rng) {
    // The capital gets about half of a region's dealers, the other cities share the rest.
    if (cities.size() == 1 || rng.nextDouble() < 0.5) {
      return cities.getFirst();
    }
    return cities.get(1 + rng.nextInt(cities.size() - 1));
  }

  static double[] cumulative(double[] weights) {
    double[] cumulative = new double[weights.length];
    double sum = 0;
    for (int i = 0; i < weights.length; i++) {
      sum += weights[i];
      cumulative[i] = sum;
    }
    return cumulative;
  }

  /** Index {@code i} with probability proportional to its weight, by binary search. */
  static int pick(double[] cumulative, RandomGenerator rng) {
    double u = rng.nextDouble() * cumulative[cumulative.length - 1];
    int low = 0;
    int high = cumulative.length - 1;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (cumulative[mid] <= u) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }

  /** A well-spread seed for stream {@code stream} of {@code seed} (SplitMix64 finaliser). */
  static long mix(long seed, long stream) {
    long z = seed + 0x9E3779B97F4A7C15L * (stream + 1);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private static void requireRange(String what, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          "%s must be between %d and %d, got %d".formatted(what, min, max, value));
    }
  }
}
