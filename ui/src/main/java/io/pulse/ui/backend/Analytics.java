package io.pulse.ui.backend;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The analytics API's answers (docs/api.md, "Analytics"). */
public final class Analytics {

  private Analytics() {}

  /** A brand, region or dealer, named. */
  public record Named(String id, @Nullable String name) {

    /** The name, or the id when the backend has no name. */
    public String label() {
      return name == null || name.isBlank() ? id : name;
    }
  }

  /** What a dealer is compared with: {@code REGION}, {@code BRAND} or {@code NETWORK}. */
  public record BenchmarkRef(String kind, @Nullable String id, @Nullable String name) {}

  /**
   * One parameter of a dealer against its benchmark.
   *
   * @param verdict {@code STRENGTH}, {@code WEAK_POINT} or {@code NEUTRAL}
   * @param rank 1 = relatively best by Δ, whether significant or not
   * @param sentence the reason in words a manager reads, in the requested language
   */
  public record ParameterVerdict(
      String parameter,
      String label,
      @Nullable Double score,
      long answers,
      @Nullable Double benchmark,
      @Nullable Double delta,
      boolean significant,
      String verdict,
      int rank,
      String sentence) {

    public boolean isStrength() {
      return "STRENGTH".equals(verdict);
    }

    public boolean isWeakPoint() {
      return "WEAK_POINT".equals(verdict);
    }
  }

  /** Responses and CSI at one journey stage. */
  public record StageFigure(
      String stage, long responses, @Nullable Double csi, boolean lowSample) {}

  /**
   * A reason to doubt a dealer's scores.
   *
   * @param kind {@code PERFECT_SHARE}, {@code STRAIGHT_LINING}, {@code BURST}, {@code
   *     REPEATED_CUSTOMER}
   */
  public record IntegrityFlag(String kind, String reason, double strength) {}

  /**
   * Everything a dealer cabinet shows beyond the headline figures.
   *
   * @param trend {@code IMPROVING}, {@code DECLINING}, {@code FLAT} or {@code UNKNOWN}
   */
  public record DealerAnalysis(
      Named dealer,
      String window,
      String language,
      BenchmarkRef benchmark,
      long responses,
      boolean lowSample,
      @Nullable Double csi,
      @Nullable Double csiLow,
      @Nullable Double csiHigh,
      String trend,
      List<ParameterVerdict> parameters,
      List<StageFigure> stages,
      List<IntegrityFlag> integrity) {

    public DealerAnalysis {
      parameters = parameters == null ? List.of() : List.copyOf(parameters);
      stages = stages == null ? List.of() : List.copyOf(stages);
      integrity = integrity == null ? List.of() : List.copyOf(integrity);
    }
  }

  /** One region of a brand with its 95 % interval. */
  public record RegionRow(
      Named region,
      long responses,
      boolean lowSample,
      @Nullable Double csi,
      @Nullable Double csiLow,
      @Nullable Double csiHigh,
      @Nullable Double nps,
      @Nullable Double npsMargin,
      long dealers) {}

  /** A brand's regions compared, best CSI first. */
  public record RegionComparison(
      Named brand, String window, @Nullable Double brandCsi, List<RegionRow> regions) {

    public RegionComparison {
      regions = regions == null ? List.of() : List.copyOf(regions);
    }
  }

  /** One dealer in a region's fair ranking. */
  public record DealerRow(
      Named dealer,
      String brandId,
      int rank,
      @Nullable Double csi,
      @Nullable Double shrunkCsi,
      double weight,
      long responses,
      boolean lowSample,
      @Nullable Double nps) {}

  /** A region's dealers ranked by CSI shrunk towards the region mean. */
  public record DealerRanking(
      Named region,
      @Nullable String brandId,
      String window,
      String sort,
      @Nullable Double regionMean,
      double k,
      boolean kEstimated,
      List<DealerRow> dealers) {

    public DealerRanking {
      dealers = dealers == null ? List.of() : List.copyOf(dealers);
    }
  }

  /**
   * One dealer's segment.
   *
   * @param segment {@code BENCHMARK}, {@code WEAK}, {@code LOW_ENGAGEMENT} or {@code STABLE}
   * @param trend {@code IMPROVING}, {@code DECLINING}, {@code FLAT} or {@code UNKNOWN}
   */
  public record SegmentRow(
      Named dealer,
      String segment,
      String trend,
      @Nullable Double csi,
      @Nullable Double csiLow,
      @Nullable Double csiHigh,
      @Nullable Double shrunkCsi,
      @Nullable Double weekCsi,
      long responses,
      List<String> flags) {

    public SegmentRow {
      flags = flags == null ? List.of() : List.copyOf(flags);
    }
  }

  /** The segments of one region. */
  public record RegionSegments(
      Named region,
      @Nullable Double regionCsi,
      Map<String, Long> counts,
      List<SegmentRow> dealers) {

    public RegionSegments {
      counts = counts == null ? Map.of() : Map.copyOf(counts);
      dealers = dealers == null ? List.of() : List.copyOf(dealers);
    }
  }

  /** The segments of a brand's regions, with counts for the whole brand. */
  public record BrandSegments(
      Named brand, String window, Map<String, Long> counts, List<RegionSegments> regions) {

    public BrandSegments {
      counts = counts == null ? Map.of() : Map.copyOf(counts);
      regions = regions == null ? List.of() : List.copyOf(regions);
    }
  }

  /** A flagged dealer and why. */
  public record FlaggedDealer(
      Named dealer, Named region, long responses, List<IntegrityFlag> flags) {

    public FlaggedDealer {
      flags = flags == null ? List.of() : List.copyOf(flags);
    }
  }

  /** The integrity flags of a brand's dealers, strongest first. */
  public record IntegrityReport(
      Named brand,
      @Nullable String regionId,
      String language,
      long dealersChecked,
      List<FlaggedDealer> flagged) {

    public IntegrityReport {
      flagged = flagged == null ? List.of() : List.copyOf(flagged);
    }
  }

  /**
   * How strongly one parameter moves RECOMMEND, and how the brand does on it.
   *
   * @param quadrant {@code FIX_FIRST}, {@code KEEP_UP}, {@code MONITOR}, {@code SECONDARY} or
   *     {@code UNKNOWN}
   */
  public record Driver(
      String parameter,
      @Nullable Double importance,
      long pairs,
      @Nullable Double score,
      @Nullable Double benchmark,
      @Nullable Double gap,
      String quadrant) {}

  /** Key drivers of a brand (or one of its regions) against the network. */
  public record DriverReport(
      Named brand, @Nullable String regionId, String window, List<Driver> drivers) {

    public DriverReport {
      drivers = drivers == null ? List.of() : List.copyOf(drivers);
    }
  }
}
