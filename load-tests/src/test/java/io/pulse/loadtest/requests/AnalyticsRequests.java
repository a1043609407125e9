package io.pulse.loadtest.requests;

import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.util.List;

/**
 * The read API an executive's dashboard calls: index figures and analytics (docs/api.md, "Index
 * figures" and "Analytics"). Paths take Gatling EL from the executive's feeder record ({@code
 * #{brandId}}, {@code #{regionId}}, {@code #{dealerId}}, {@code #{analyticsWindow}}); each request
 * is named by its path template so the report groups them.
 */
public final class AnalyticsRequests {

  /** Brand × region cell ranking of dealers (the fair ranking). */
  public static final String REGION_DEALERS = "GET /regions/{id}/dealers";

  /** A dealer's strengths and weak points. */
  public static final String DEALER_ANALYSIS = "GET /dealers/{id}/analysis";

  /** A brand's regions, best CSI first. */
  public static final String BRAND_REGIONS = "GET /brands/{id}/regions";

  /** A brand's dealer segments. */
  public static final String BRAND_SEGMENTS = "GET /brands/{id}/segments";

  /** A brand's integrity flags. */
  public static final String BRAND_INTEGRITY = "GET /brands/{id}/integrity";

  /** A brand's key drivers. */
  public static final String BRAND_DRIVERS = "GET /brands/{id}/drivers";

  /** Index figures of a brand × region cell. */
  public static final String CELL_INDEX = "GET /brands/{id}/regions/{id}/index";

  /** Index figures of a brand. */
  public static final String BRAND_INDEX = "GET /brands/{id}/index";

  /** Index figures of a region. */
  public static final String REGION_INDEX = "GET /regions/{id}/index";

  /** Index figures of the network. */
  public static final String NETWORK_INDEX = "GET /network/index";

  /** Every request name above, for the assertions. */
  public static final List<String> ALL =
      List.of(
          REGION_DEALERS,
          DEALER_ANALYSIS,
          BRAND_REGIONS,
          BRAND_SEGMENTS,
          BRAND_INTEGRITY,
          BRAND_DRIVERS,
          CELL_INDEX,
          BRAND_INDEX,
          REGION_INDEX,
          NETWORK_INDEX);

  private AnalyticsRequests() {}

  /** The fair ranking of the executive's region, for their brand. */
  public static HttpRequestActionBuilder regionDealersOfBrand() {
    return get(
        REGION_DEALERS,
        "/regions/#{regionId}/dealers?brandId=#{brandId}&window=#{analyticsWindow}");
  }

  /** The fair ranking of the executive's region, all brands. */
  public static HttpRequestActionBuilder regionDealers() {
    return get(REGION_DEALERS, "/regions/#{regionId}/dealers?window=#{analyticsWindow}");
  }

  /** One dealer of the executive's scope, against its region. */
  public static HttpRequestActionBuilder dealerAnalysis() {
    return get(
        DEALER_ANALYSIS,
        "/dealers/#{dealerId}/analysis?window=#{analyticsWindow}&benchmark=region&lang=en");
  }

  /** The executive's brand by region. */
  public static HttpRequestActionBuilder brandRegions() {
    return get(BRAND_REGIONS, "/brands/#{brandId}/regions?window=#{analyticsWindow}");
  }

  /** Segments of the executive's brand in their region. */
  public static HttpRequestActionBuilder brandSegmentsInRegion() {
    return get(BRAND_SEGMENTS, "/brands/#{brandId}/segments?regionId=#{regionId}");
  }

  /** Segments of the executive's brand, all regions. */
  public static HttpRequestActionBuilder brandSegments() {
    return get(BRAND_SEGMENTS, "/brands/#{brandId}/segments");
  }

  /** Integrity flags of the executive's brand. */
  public static HttpRequestActionBuilder brandIntegrity() {
    return get(BRAND_INTEGRITY, "/brands/#{brandId}/integrity?lang=en");
  }

  /** Key drivers of the executive's brand. */
  public static HttpRequestActionBuilder brandDrivers() {
    return get(BRAND_DRIVERS, "/brands/#{brandId}/drivers");
  }

  /** Index of the executive's brand × region cell. */
  public static HttpRequestActionBuilder cellIndex() {
    return get(CELL_INDEX, "/brands/#{brandId}/regions/#{regionId}/index?window=24h");
  }

  /** Index of the executive's brand. */
  public static HttpRequestActionBuilder brandIndex() {
    return get(BRAND_INDEX, "/brands/#{brandId}/index?window=24h");
  }

  /** Index of the executive's region. */
  public static HttpRequestActionBuilder regionIndex() {
    return get(REGION_INDEX, "/regions/#{regionId}/index?window=24h");
  }

  /** Index of the whole network. */
  public static HttpRequestActionBuilder networkIndex() {
    return get(NETWORK_INDEX, "/network/index?window=24h");
  }

  private static HttpRequestActionBuilder get(String name, String path) {
    return http(name).get("/api/v1" + path).check(status().is(200));
  }
}
