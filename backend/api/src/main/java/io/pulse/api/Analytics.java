package io.pulse.api;

import java.time.Instant;
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

  /** One dealer in its brand's ranking, shrunk towards its own region's CSI. */
  public record BrandDealerRow(
      Named dealer,
      String regionId,
      @Nullable Integer rank,
      @Nullable Double csi,
      @Nullable Double shrunkCsi,
      double weight,
      long responses,
      boolean lowSample,
      @Nullable Double nps) {}

  /**
   * Every dealer of a brand ranked by shrunk CSI (a page of it: {@code dealers} holds {@code limit}
   * rows from {@code offset} of {@code total}).
   *
   * @param asOf every change this instance had heard of by then is in the figures: the ranking is
   *     read from the instance's in-memory standings, refreshed in the background (docs/api.md)
   * @param regionMeans what each region's dealers are shrunk towards: the region's CSI, all brands
   * @param k the shrinkage constant, estimated over the brand's dealers in all its regions when
   *     {@code kEstimated}, else the configured default
   */
  public record BrandRanking(
      Named brand,
      String window,
      String sort,
      Instant asOf,
      double k,
      boolean kEstimated,
      Map<String, @Nullable Double> regionMeans,
      int total,
      int offset,
      List<BrandDealerRow> dealers) {}

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

  /**
   * The model behind the expected gains: a linear regression of RECOMMEND (0–100) on the six other
   * parameters over the brand's answers of the last 30 days.
   *
   * @param fitted false when it could not be fitted (too few answers); then gains are direct only
   * @param rSquared the share of RECOMMEND's variance the six explain
   * @param pairs the fewest answers behind any covariance used
   * @param coefficients points of RECOMMEND per point of each parameter, the others held equal
   */
  public record GainModel(
      boolean fitted, @Nullable Double rSquared, long pairs, Map<String, Double> coefficients) {}

  /**
   * One parameter to raise first.
   *
   * @param gap the benchmark minus the score
   * @param importance the parameter's correlation with RECOMMEND in the brand (key drivers); null
   *     when too few answers rate both
   * @param weakPoint a labelled weak point (significant), not only below the benchmark
   * @param csiGain the expected change of the dealer's CSI if the parameter rose to the benchmark
   * @param npsGain the same for the NPS; null without a model or RECOMMEND answers
   */
  public record FixFirstItem(
      String parameter,
      String label,
      long answers,
      @Nullable Double score,
      @Nullable Double benchmark,
      @Nullable Double gap,
      @Nullable Double importance,
      boolean weakPoint,
      @Nullable Double csiGain,
      @Nullable Double npsGain,
      String sentence) {}

  /**
   * Where a dealer ranks by shrunk CSI (docs/index-methodology.md, "Fair ranking").
   *
   * @param rankInRegion among the region's dealers of every brand; null without answers
   * @param rankInBrand among the brand's dealers in every region; null without answers
   */
  public record StandingRanks(
      @Nullable Double shrunkCsi,
      @Nullable Integer rankInRegion,
      int dealersInRegion,
      @Nullable Integer rankInBrand,
      int dealersInBrand) {}

  /** What a dealer should fix first, with the expected gain, and where it ranks. */
  public record DealerFixFirst(
      Named dealer,
      String window,
      String language,
      BenchmarkRef benchmark,
      @Nullable Double csi,
      @Nullable Double nps,
      List<FixFirstItem> items,
      GainModel model,
      StandingRanks standing) {}

  /**
   * One parameter across a brand's dealers: raising it to each dealer's region benchmark where it
   * lies below.
   *
   * @param dealers how many of the brand's dealers lie below their region on it
   * @param brandCsiGain the expected change of the brand's CSI (its dealers' CSIs weighted by
   *     responses)
   */
  public record BrandFixRow(
      String parameter,
      String label,
      long dealers,
      @Nullable Double importance,
      @Nullable Double brandCsiGain,
      String sentence) {}

  /** What a brand should fix first across its dealers. */
  public record BrandFixFirst(
      Named brand,
      String window,
      String language,
      @Nullable Double brandCsi,
      List<BrandFixRow> parameters,
      GainModel model) {}
}
