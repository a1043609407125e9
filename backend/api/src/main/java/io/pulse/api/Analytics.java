package io.pulse.api;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The JSON shapes of the analytics API (docs/api.md, "Analytics"). */
public final class Analytics {

  private Analytics() {}

  /** A brand, region or dealer, named. */
  public record Named(String id, @Nullable String name) {

    /** The name, or the id when there is no name. */
    public String label() {
      return name == null || name.isBlank() ? id : name;
    }
  }

  /** What a dealer is compared with. */
  public record BenchmarkRef(BenchmarkKind kind, @Nullable String id, @Nullable String name) {}

  /** One parameter of a dealer against its benchmark, with the sentence a manager reads. */
  public record ParameterRow(
      String parameter,
      String label,
      @Nullable Double score,
      long answers,
      @Nullable Double benchmark,
      @Nullable Double delta,
      boolean significant,
      StrengthVerdict verdict,
      int rank,
      String sentence) {

    public boolean isStrength() {
      return verdict == StrengthVerdict.STRENGTH;
    }

    public boolean isWeakPoint() {
      return verdict == StrengthVerdict.WEAK_POINT;
    }
  }

  /** Responses and CSI at one journey stage. */
  public record StageRow(
      JourneyStage stage, long responses, @Nullable Double csi, boolean lowSample) {}

  /** Everything a dealer manager's cabinet shows beyond the headline figures. */
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
      Trend trend,
      List<ParameterRow> parameters,
      List<StageRow> stages,
      List<IntegrityFlag> integrity) {}

  /** One region of a brand, with its uncertainty. */
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

  /** A brand's regions compared. */
  public record RegionComparison(
      Named brand, String window, @Nullable Double brandCsi, List<RegionRow> regions) {}

  /**
   * One dealer in a fair ranking.
   *
   * @param rank 1 = best shrunk CSI; null for a dealer without answers, listed last and not ranked
   */
  public record DealerRow(
      Named dealer,
      String brandId,
      @Nullable Integer rank,
      @Nullable Double csi,
      @Nullable Double shrunkCsi,
      double weight,
      long responses,
      boolean lowSample,
      @Nullable Double nps) {}

  /**
   * A region's dealers ranked by shrunk CSI.
   *
   * @param regionMean what the CSIs are shrunk towards: the region's CSI, all brands
   * @param k the shrinkage constant; estimated over the brand's dealers in all its regions (or, for
   *     every brand of the region, over the region's dealers brand by brand) when {@code
   *     kEstimated}, else the configured default
   */
  public record DealerRanking(
      Named region,
      @Nullable String brandId,
      String window,
      String sort,
      @Nullable Double regionMean,
      double k,
      boolean kEstimated,
      List<DealerRow> dealers) {}

  /** One dealer's segment. */
  public record SegmentRow(
      Named dealer,
      Segment segment,
      Trend trend,
      @Nullable Double csi,
      @Nullable Double csiLow,
      @Nullable Double csiHigh,
      @Nullable Double shrunkCsi,
      @Nullable Double weekCsi,
      long responses,
      List<IntegrityFlag.Kind> flags) {}

  /** Segments of one region. */
  public record RegionSegments(
      Named region,
      @Nullable Double regionCsi,
      Map<Segment, Long> counts,
      List<SegmentRow> dealers) {}

  /** Segments of a brand's regions. */
  public record BrandSegments(
      Named brand, String window, Map<Segment, Long> counts, List<RegionSegments> regions) {}

  /** A flagged dealer and why. */
  public record FlaggedDealer(
      Named dealer, Named region, long responses, List<IntegrityFlag> flags) {}

  /** Integrity flags of a brand's dealers. */
  public record IntegrityReport(
      Named brand,
      @Nullable String regionId,
      String language,
      long dealersChecked,
      List<FlaggedDealer> flagged) {}

  /** Key drivers of a brand (or one region of it) against the network. */
  public record DriverReport(
      Named brand, @Nullable String regionId, String window, List<KeyDriver> drivers) {}
}
