package io.pulse.network;

import io.pulse.api.Brand;
import io.pulse.api.Dealer;
import io.pulse.api.Region;
import io.pulse.system.FieldViolation;
import io.pulse.system.InvalidInputException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import reactor.util.function.Tuples;

/** Loads the network: validates everything first, then upserts it in one transaction. */
@Service
public class NetworkService {

  /** Counts of what a load did per kind of record. */
  public record ImportSummary(
      Map<UpsertOutcome, Long> brands,
      Map<UpsertOutcome, Long> regions,
      Map<UpsertOutcome, Long> dealers) {}

  static final int MAX_DEALERS_PER_IMPORT = 20_000;

  private final NetworkRepository repository;
  private final DealerDirectory directory;
  private final TransactionalOperator tx;
  private final ApplicationEventPublisher events;

  NetworkService(
      NetworkRepository repository,
      DealerDirectory directory,
      TransactionalOperator tx,
      ApplicationEventPublisher events) {
    this.repository = repository;
    this.directory = directory;
    this.tx = tx;
    this.events = events;
  }

  public Mono<ImportSummary> load(NetworkImport load) {
    List<FieldViolation> violations = new ArrayList<>();
    collect(violations, "brands", load.brandList(), NetworkValidator::brand);
    collect(violations, "regions", load.regionList(), NetworkValidator::region);
    collect(violations, "dealers", load.dealerList(), NetworkValidator::dealer);
    NetworkValidator.uniqueIds(violations, "brands", load.brandList(), Brand::id);
    NetworkValidator.uniqueIds(violations, "regions", load.regionList(), Region::id);
    NetworkValidator.uniqueIds(violations, "dealers", load.dealerList(), Dealer::id);
    if (load.dealerList().size() > MAX_DEALERS_PER_IMPORT) {
      violations.add(
          new FieldViolation(
              "dealers",
              "at most " + MAX_DEALERS_PER_IMPORT + " dealers per load; split the file"));
    }
    if (!violations.isEmpty()) {
      return Mono.error(
          new InvalidInputException(
              "The network load is invalid; nothing was stored.", violations));
    }
    return checkReferences(load)
        .then(
            // Sequential on purpose: dealers reference the brands and regions of the same load.
            repository
                .upsertBrands(load.brandList())
                .flatMap(b ->
                    repository
                        .upsertRegions(load.regionList())
                        .flatMap(r ->
                            repository
                                .upsertDealers(load.dealerList())
                                .map(d -> Tuples.of(b, r, d))))
                .as(tx::transactional))
        .map(t -> {
          load.brandList().forEach(directory::remember);
          load.regionList().forEach(directory::remember);
          load.dealerList().forEach(directory::remember);
          publishMoves(load.dealerList(), t.getT3());
          List<String> created =
              t.getT3().stream()
                  .filter(c -> c.outcome() == UpsertOutcome.CREATED)
                  .map(DealerChange::dealerId)
                  .toList();
          if (!created.isEmpty()) {
            events.publishEvent(new DealersCreated(created));
          }
          return new ImportSummary(
              count(t.getT1().values()),
              count(t.getT2().values()),
              count(t.getT3().stream().map(DealerChange::outcome).toList()));
        });
  }

  public Mono<UpsertOutcome> upsertBrand(Brand brand) {
    return single(new NetworkImport(List.of(brand), null, null))
        .map(ImportSummary::brands)
        .map(NetworkService::only);
  }

  public Mono<UpsertOutcome> upsertRegion(Region region) {
    return single(new NetworkImport(null, List.of(region), null))
        .map(ImportSummary::regions)
        .map(NetworkService::only);
  }

  public Mono<UpsertOutcome> upsertDealer(Dealer dealer) {
    return single(new NetworkImport(null, null, List.of(dealer)))
        .map(ImportSummary::dealers)
        .map(NetworkService::only);
  }

  /**
   * A single record: violations are reported without the list prefix ({@code name}, not {@code
   * brands[0].name}).
   */
  private Mono<ImportSummary> single(NetworkImport load) {
    return load(load)
        .onErrorMap(
            InvalidInputException.class,
            e ->
                new InvalidInputException(
                    e.status(),
                    e.getMessage(),
                    e.violations().stream()
                        .map(v ->
                            new FieldViolation(
                                v.field().replaceFirst("^\\w+\\[0]\\.?", ""), v.message()))
                        .toList()));
  }

  private static UpsertOutcome only(Map<UpsertOutcome, Long> counts) {
    return counts.entrySet().stream()
        .filter(e -> e.getValue() > 0)
        .map(Map.Entry::getKey)
        .findFirst()
        .orElse(UpsertOutcome.UNCHANGED);
  }

  private Mono<Void> checkReferences(NetworkImport load) {
    Set<String> newBrands = load.brandList().stream().map(Brand::id).collect(Collectors.toSet());
    Set<String> newRegions = load.regionList().stream().map(Region::id).collect(Collectors.toSet());
    List<String> brandRefs =
        load.dealerList().stream()
            .map(Dealer::brandId)
            .filter(b -> !newBrands.contains(b))
            .distinct()
            .toList();
    List<String> regionRefs =
        load.dealerList().stream()
            .map(Dealer::regionId)
            .filter(r -> !newRegions.contains(r))
            .distinct()
            .toList();
    return Mono.zip(repository.missingBrands(brandRefs), repository.missingRegions(regionRefs))
        .flatMap(missing -> {
          Set<String> badBrands = new HashSet<>(missing.getT1());
          Set<String> badRegions = new HashSet<>(missing.getT2());
          List<FieldViolation> v = new ArrayList<>();
          List<Dealer> dealers = load.dealerList();
          for (int i = 0; i < dealers.size(); i++) {
            if (badBrands.contains(dealers.get(i).brandId())) {
              v.add(
                  new FieldViolation(
                      "dealers[" + i + "].brandId",
                      "no brand with this id: load it first or in the same request"));
            }
            if (badRegions.contains(dealers.get(i).regionId())) {
              v.add(
                  new FieldViolation(
                      "dealers[" + i + "].regionId",
                      "no region with this id: load it first or in the same request"));
            }
          }
          return v.isEmpty()
              ? Mono.<Void>empty()
              : Mono.error(
                  InvalidInputException.unknownReference(
                      "The network load refers to unknown brands or regions; nothing was stored.",
                      v));
        });
  }

  private void publishMoves(List<Dealer> dealers, List<DealerChange> changes) {
    Map<String, Dealer> byId = NetworkRepository.byId(dealers, Dealer::id);
    for (DealerChange c : changes) {
      Dealer d = byId.get(c.dealerId());
      if (c.outcome() == UpsertOutcome.UPDATED
          && d != null
          && c.previousBrandId() != null
          && c.previousRegionId() != null
          && (!c.previousBrandId().equals(d.brandId())
              || !c.previousRegionId().equals(d.regionId()))) {
        events.publishEvent(
            new DealerMoved(
                d.id(), c.previousBrandId(), c.previousRegionId(), d.brandId(), d.regionId()));
      }
    }
  }

  private static <T> void collect(
      List<FieldViolation> into,
      String list,
      List<T> items,
      Function<T, List<FieldViolation>> check) {
    for (int i = 0; i < items.size(); i++) {
      String prefix = list + "[" + i + "]";
      check.apply(items.get(i)).forEach(v -> into.add(v.prefixed(prefix)));
    }
  }

  private static Map<UpsertOutcome, Long> count(Collection<UpsertOutcome> outcomes) {
    Map<UpsertOutcome, Long> m = new EnumMap<>(UpsertOutcome.class);
    for (UpsertOutcome o : UpsertOutcome.values()) {
      m.put(o, 0L);
    }
    outcomes.forEach(o -> m.merge(o, 1L, Long::sum));
    return m;
  }
}
