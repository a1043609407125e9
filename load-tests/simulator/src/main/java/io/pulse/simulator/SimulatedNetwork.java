package io.pulse.simulator;

import io.pulse.api.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * A generated dealer network: what is imported into the backend, plus each dealer's hidden {@link
 * DealerProfile}, so that tests can pick e.g. a GAMING dealer or one weak on SPEED.
 */
public final class SimulatedNetwork {

  private final long seed;
  private final List<SimBrand> brands;
  private final List<SimRegion> regions;
  private final List<SimDealer> dealers;
  private final Map<String, SimBrand> brandsById;
  private final Map<String, SimRegion> regionsById;
  private final Map<String, SimDealer> dealersById;
  private final Map<String, DealerProfile> profiles;

  SimulatedNetwork(
      long seed,
      List<SimBrand> brands,
      List<SimRegion> regions,
      List<SimDealer> dealers,
      Map<String, DealerProfile> profiles) {
    this.seed = seed;
    this.brands = List.copyOf(brands);
    this.regions = List.copyOf(regions);
    this.dealers = List.copyOf(dealers);
    this.brandsById = index(this.brands, SimBrand::id);
    this.regionsById = index(this.regions, SimRegion::id);
    this.dealersById = index(this.dealers, SimDealer::id);
    this.profiles = Map.copyOf(profiles);
    for (SimDealer dealer : this.dealers) {
      if (!this.profiles.containsKey(dealer.id())) {
        throw new IllegalArgumentException("no profile for dealer " + dealer.id());
      }
    }
  }

  private static <T> Map<String, T> index(List<T> items, Function<T, String> id) {
    Map<String, T> byId = new LinkedHashMap<>();
    for (T item : items) {
      if (byId.put(id.apply(item), item) != null) {
        throw new IllegalArgumentException("duplicate id " + id.apply(item));
      }
    }
    return byId;
  }

  /** The seed this network was generated from. */
  public long seed() {
    return seed;
  }

  /** All brands, in id order of generation. */
  public List<SimBrand> brands() {
    return brands;
  }

  /** All regions, R01 first. */
  public List<SimRegion> regions() {
    return regions;
  }

  /** All dealers, in id order. */
  public List<SimDealer> dealers() {
    return dealers;
  }

  /** The brand with this id. */
  public SimBrand brand(String brandId) {
    return lookup(brandsById, brandId, "brand");
  }

  /** The region with this id. */
  public SimRegion region(String regionId) {
    return lookup(regionsById, regionId, "region");
  }

  /** The dealer with this id. */
  public SimDealer dealer(String dealerId) {
    return lookup(dealersById, dealerId, "dealer");
  }

  /** The hidden behaviour of the dealer with this id. */
  public DealerProfile profileOf(String dealerId) {
    return lookup(profiles, dealerId, "dealer");
  }

  /** The personality of the dealer with this id. */
  public Personality personalityOf(String dealerId) {
    return profileOf(dealerId).personality();
  }

  /** All dealers with this personality, in id order (empty if the network is tiny). */
  public List<SimDealer> dealersWith(Personality personality) {
    List<SimDealer> matching = new ArrayList<>();
    for (SimDealer dealer : dealers) {
      if (profiles.get(dealer.id()).personality() == personality) {
        matching.add(dealer);
      }
    }
    return matching;
  }

  /** The first dealer (by id) with this personality; handy in tests. */
  public SimDealer firstDealerWith(Personality personality) {
    List<SimDealer> matching = dealersWith(personality);
    if (matching.isEmpty()) {
      throw new NoSuchElementException("no " + personality + " dealer in this network");
    }
    return matching.getFirst();
  }

  /** All {@link Personality#WEAK_ON} dealers that are weak on this parameter, in id order. */
  public List<SimDealer> dealersWeakOn(Parameter parameter) {
    List<SimDealer> matching = new ArrayList<>();
    for (SimDealer dealer : dealers) {
      if (profiles.get(dealer.id()).isWeakOn(parameter)) {
        matching.add(dealer);
      }
    }
    return matching;
  }

  private static <T> T lookup(Map<String, T> byId, String id, String what) {
    T found = byId.get(id);
    if (found == null) {
      throw new NoSuchElementException("no " + what + " with id " + id);
    }
    return found;
  }
}
