package io.pulse.analytics;

import io.pulse.index.BenchmarkKind;
import io.pulse.index.IntegrityFlag;
import io.pulse.index.JourneyStage;
import io.pulse.index.KeyDrivers;
import io.pulse.index.Segment;
import io.pulse.index.StrengthVerdict;
import io.pulse.index.Trend;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The JSON shapes of the analytics API (docs/api.md, "Analytics"). */
final class AnalyticsViews {

  private AnalyticsViews() {}

  /** A brand, region or dealer, named. */
  record Named(String id, @Nullable String name) {}

  /** What a dealer is compared with. */
  record BenchmarkRef(BenchmarkKind kind, @Nullable String id, @Nullable String name) {}

  /** One parameter of a dealer against its benchmark, with the sentence a manager reads. */
  record ParameterRow(
      String parameter,
      String label,
      @Nullable Double score,
      long answers,
      @Nullable Double benchmark,
      @Nullable Double delta,
      boolean significant,
      StrengthVerdict verdict,
      int rank,
      String sentence) {}

  /** Responses and CSI at one journey stage. */
  record StageRow(JourneyStage stage, long responses, @Nullable Double csi, boolean lowSample) {}

  /** Everything a dealer manager's cabinet shows beyond the headline figures. */
  record DealerAnalysis(
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
  record RegionRow(
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
  record RegionComparison(
      Named brand, String window, @Nullable Double brandCsi, List<RegionRow> regions) {}

  /** One dealer in a fair ranking. */
  record DealerRow(
      Named dealer,
      String brandId,
      int rank,
      @Nullable Double csi,
      @Nullable Double shrunkCsi,
      double weight,
      long responses,
      boolean lowSample,
      @Nullable Double nps) {}

  /** A region's dealers ranked by shrunk CSI. */
  record DealerRanking(
      Named region,
      @Nullable String brandId,
      String window,
      String sort,
      @Nullable Double regionMean,
      double k,
      boolean kEstimated,
      List<DealerRow> dealers) {}

  /** One dealer's segment. */
  record SegmentRow(
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
  record RegionSegments(
      Named region,
      @Nullable Double regionCsi,
      Map<Segment, Long> counts,
      List<SegmentRow> dealers) {}

  /** Segments of a brand's regions. */
  record BrandSegments(
      Named brand, String window, Map<Segment, Long> counts, List<RegionSegments> regions) {}

  /** A flagged dealer and why. */
  record FlaggedDealer(Named dealer, Named region, long responses, List<IntegrityFlag> flags) {}

  /** Integrity flags of a brand's dealers. */
  record IntegrityReport(
      Named brand,
      @Nullable String regionId,
      String language,
      long dealersChecked,
      List<FlaggedDealer> flagged) {}

  /** Key drivers of a brand (or one region of it) against the network. */
  record DriverReport(
      Named brand, @Nullable String regionId, String window, List<KeyDrivers.Driver> drivers) {}
}
