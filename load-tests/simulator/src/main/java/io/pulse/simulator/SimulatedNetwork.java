package io.pulse.simulator;

import io.pulse.api.Brand;
import io.pulse.api.Dealer;
import io.pulse.api.Parameter;
import io.pulse.api.Region;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
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
  private final List<Brand> brands;
  private final List<Region> regions;
  private final List<Dealer> dealers;
  private final Map<String, Brand> brandsById;
  private final Map<String, Region> regionsById;
  private final Map<String, Dealer> dealersById;
  private final Map<String, DealerProfile> profiles;
  private final Map<String, ZoneId> zones = new HashMap<>();

  SimulatedNetwork(
      long seed,
      List<Brand> brands,
      List<Region> regions,
      List<Dealer> dealers,
      Map<String, DealerProfile> profiles) {
    this.seed = seed;
    this.brands = List.copyOf(brands);
    this.regions = List.copyOf(regions);
    this.dealers = List.copyOf(dealers);
    this.brandsById = index(this.brands, Brand::id);
    this.regionsById = index(this.regions, Region::id);
    this.dealersById = index(this.dealers, Dealer::id);
    this.profiles = Map.copyOf(profiles);
    for (Dealer dealer : this.dealers) {
      if (!this.profiles.containsKey(dealer.id())) {
        throw new IllegalArgumentException("no profile for dealer " + dealer.id());
      }
      zones.put(dealer.id(), ZoneId.of(dealer.timeZone()));
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
  public List<Brand> brands() {
    return brands;
  }

  /** All regions, R01 first. */
  public List<Region> regions() {
    return regions;
  }

  /** All dealers, in id order. */
  public List<Dealer> dealers() {
    return dealers;
  }

  /** The brand with this id. */
  public Brand brand(String brandId) {
    return lookup(brandsById, brandId, "brand");
  }

  /** The region with this id. */
  public Region region(String regionId) {
    return lookup(regionsById, regionId, "region");
  }

  /** The dealer with this id. */
  public Dealer dealer(String dealerId) {
    return lookup(dealersById, dealerId, "dealer");
  }

  /** The time zone of {@code dealer}, in which its events carry their offset. */
  public ZoneId zoneOf(Dealer dealer) {
    return lookup(zones, dealer.id(), "dealer");
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
  public List<Dealer> dealersWith(Personality personality) {
    List<Dealer> matching = new ArrayList<>();
    for (Dealer dealer : dealers) {
      if (profiles.get(dealer.id()).personality() == personality) {
        matching.add(dealer);
      }
    }
    return matching;
  }

  /** The first dealer (by id) with this personality; handy in tests. */
  public Dealer firstDealerWith(Personality personality) {
    List<Dealer> matching = dealersWith(personality);
    if (matching.isEmpty()) {
      throw new NoSuchElementException("no " + personality + " dealer in this network");
    }
    return matching.getFirst();
  }

  /** All {@link Personality#WEAK_ON} dealers that are weak on this parameter, in id order. */
  public List<Dealer> dealersWeakOn(Parameter parameter) {
    List<Dealer> matching = new ArrayList<>();
    for (Dealer dealer : dealers) {
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
