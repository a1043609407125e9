package io.pulse.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.pulse.api.Brand;
import io.pulse.api.Dealer;
import io.pulse.api.Parameter;
import io.pulse.api.Region;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class NetworkGeneratorTests {

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final SimulatedNetwork NETWORK = NetworkGenerator.generate(42);

  @Test
  void defaultNetworkHasTheDocumentedSize() {
    assertThat(NETWORK.dealers()).hasSizeGreaterThanOrEqualTo(10_000);
    assertThat(NETWORK.brands()).hasSizeGreaterThanOrEqualTo(20);
    assertThat(NETWORK.regions()).hasSize(85);
    assertThat(NETWORK.regions().getFirst()).isEqualTo(new Region("R01", "Moscow"));
    assertThat(NETWORK.regions().getLast().id()).isEqualTo("R85");
  }

  @Test
  void everyIdIsValidAndUnique() {
    assertValidUniqueIds(NETWORK.brands().stream().map(Brand::id).toList());
    assertValidUniqueIds(NETWORK.regions().stream().map(Region::id).toList());
    assertValidUniqueIds(NETWORK.dealers().stream().map(Dealer::id).toList());
  }

  @Test
  void everyDealerPointsAtAnExistingBrandAndRegionAndHasAValidZone() {
    Set<String> brands = NETWORK.brands().stream().map(Brand::id).collect(Collectors.toSet());
    Map<String, RegionCatalog.Entry> regions =
        NETWORK.regions().stream()
            .collect(
                Collectors.toMap(
                    Region::id,
                    r -> RegionCatalog.REGIONS.get(Integer.parseInt(r.id().substring(1)) - 1)));
    for (Dealer dealer : NETWORK.dealers()) {
      assertThat(brands).contains(dealer.brandId());
      assertThat(regions).containsKey(dealer.regionId());
      RegionCatalog.Entry region = regions.get(dealer.regionId());
      assertThat(ZoneId.getAvailableZoneIds()).contains(dealer.timeZone());
      assertThat(dealer.timeZone()).isEqualTo(region.zone());
      assertThat(region.cities()).contains(dealer.city());
      assertThat(dealer.name()).isNotBlank().contains(dealer.city());
    }
  }

  @Test
  void sameSeedGivesTheSameNetworkAndAnotherSeedAnotherOne() {
    SimulatedNetwork again = NetworkGenerator.generate(42);
    SimulatedNetwork other = NetworkGenerator.generate(43);

    assertThat(again.brands()).isEqualTo(NETWORK.brands());
    assertThat(again.regions()).isEqualTo(NETWORK.regions());
    assertThat(again.dealers()).isEqualTo(NETWORK.dealers());
    for (Dealer dealer : NETWORK.dealers()) {
      assertThat(again.profileOf(dealer.id())).isEqualTo(NETWORK.profileOf(dealer.id()));
    }
    assertThat(other.dealers()).isNotEqualTo(NETWORK.dealers());
  }

  @Test
  void aLargerNetworkExtendsASmallerOneWithTheSameSeed() {
    SimulatedNetwork small = NetworkGenerator.generate(42, 500, 20, 85);

    assertThat(NETWORK.dealers().subList(0, 500)).isEqualTo(small.dealers());
  }

  @Test
  void dealersAreSkewedTowardsBigRegionsAndBigBrands() {
    Map<String, Long> perRegion = countBy(Dealer::regionId);
    Map<String, Long> perBrand = countBy(Dealer::brandId);
    long moscow = perRegion.get("R01");
    List<Long> regionSizes = perRegion.values().stream().sorted().toList();
    long medianRegion = regionSizes.get(regionSizes.size() / 2);

    assertThat(perRegion).hasSize(85);
    assertThat(perBrand).hasSize(NETWORK.brands().size());
    assertThat(perRegion.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow())
        .extracting(Map.Entry::getKey)
        .isEqualTo("R01");
    assertThat(moscow).isGreaterThan(10 * medianRegion);
    assertThat(moscow).isGreaterThan(NETWORK.dealers().size() / 20);
    long biggestBrand = perBrand.values().stream().max(Comparator.naturalOrder()).orElseThrow();
    long smallestBrand = perBrand.values().stream().min(Comparator.naturalOrder()).orElseThrow();
    assertThat(biggestBrand).isGreaterThan(4 * smallestBrand);
  }

  @Test
  void personalitiesHaveTheirSharesAndManyDealersAreWeakOnSpeed() {
    int dealers = NETWORK.dealers().size();
    for (Personality personality : Personality.values()) {
      double share = 100.0 * NETWORK.dealersWith(personality).size() / dealers;
      assertThat(share)
          .as("share of %s", personality)
          .isCloseTo(personality.sharePercent(), Offset.offset(1.5));
    }
    List<Dealer> weakOnSpeed = NETWORK.dealersWeakOn(Parameter.SPEED);
    assertThat(weakOnSpeed).hasSizeGreaterThan(dealers / 20);
    assertThat(weakOnSpeed)
        .allSatisfy(d -> assertThat(NETWORK.personalityOf(d.id())).isEqualTo(Personality.WEAK_ON));
    assertThat(NETWORK.dealersWith(Personality.WEAK_ON))
        .allSatisfy(d -> assertThat(NETWORK.profileOf(d.id()).weakParameters()).isNotEmpty());
    assertThat(NETWORK.dealersWith(Personality.AVERAGE))
        .allSatisfy(d -> assertThat(NETWORK.profileOf(d.id()).weakParameters()).isEmpty());
    assertThat(NETWORK.firstDealerWith(Personality.GAMING).id())
        .isEqualTo(NETWORK.dealersWith(Personality.GAMING).getFirst().id());
  }

  @Test
  void rejectsSizesOutsideTheLimits() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> NetworkGenerator.generate(1, 0, 20, 85))
        .withMessageContaining("dealers");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> NetworkGenerator.generate(1, 10, 20, 86))
        .withMessageContaining("regions");
  }

  @Property(tries = 50)
  void anySeedAndSizeGivesAConsistentNetwork(
      @ForAll long seed,
      @ForAll @IntRange(min = 1, max = 400) int dealers,
      @ForAll @IntRange(min = 1, max = 60) int brands,
      @ForAll @IntRange(min = 1, max = 85) int regions) {
    SimulatedNetwork network = NetworkGenerator.generate(seed, dealers, brands, regions);

    assertThat(network.dealers()).hasSize(dealers);
    assertThat(network.brands()).hasSize(brands);
    assertThat(network.regions()).hasSize(regions);
    assertValidUniqueIds(network.brands().stream().map(Brand::id).toList());
    assertValidUniqueIds(network.dealers().stream().map(Dealer::id).toList());
    for (Dealer dealer : network.dealers()) {
      assertThat(network.brand(dealer.brandId()).id()).isEqualTo(dealer.brandId());
      assertThat(network.region(dealer.regionId()).id()).isEqualTo(dealer.regionId());
      assertThat(network.zoneOf(dealer)).isNotNull();
      assertThat(network.profileOf(dealer.id()).activity()).isPositive();
    }
  }

  private static Map<String, Long> countBy(Function<Dealer, String> key) {
    return NETWORK.dealers().stream().collect(Collectors.groupingBy(key, Collectors.counting()));
  }

  private static void assertValidUniqueIds(List<String> ids) {
    assertThat(ids).allSatisfy(id -> assertThat(id).matches(ID));
    assertThat(new HashSet<>(ids)).hasSameSizeAs(ids);
  }
}
