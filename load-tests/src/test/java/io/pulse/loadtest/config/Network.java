package io.pulse.loadtest.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The dealer network the backend serves, read once through its API before a run starts ({@code GET
 * /api/v1/brands}, {@code /regions}, {@code /dealers}), so that the simulations ask for dealers,
 * brands and regions that exist without depending on the backend's code.
 *
 * @param brands brand ids, sorted
 * @param regions region ids, sorted
 * @param dealers dealers sorted by id (possibly limited to the first {@code pulse.dealers})
 * @param brandRegions brand × region cells that have at least one dealer
 */
public record Network(
    List<String> brands,
    List<String> regions,
    List<NetworkDealer> dealers,
    List<BrandRegion> brandRegions) {

  /**
   * A dealer and where it sits.
   *
   * @param id dealer id
   * @param brandId its brand
   * @param regionId its region
   */
  public record NetworkDealer(String id, String brandId, String regionId) {}

  /**
   * A brand × region cell.
   *
   * @param brandId brand id
   * @param regionId region id
   */
  public record BrandRegion(String brandId, String regionId) {}

  /** Loads the network from the first base URL; fails the run early if it cannot. */
  public static Network load(LoadConfig config) {
    String base = config.baseUrls().getFirst() + "/api/v1";
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    ObjectMapper json = new ObjectMapper();
    Map<String, String> headers = config.auth().readHeaders();
    List<String> brands = ids(get(client, json, base + "/brands", headers));
    List<String> regions = ids(get(client, json, base + "/regions", headers));
    List<NetworkDealer> dealers = new ArrayList<>();
    for (JsonNode d : get(client, json, base + "/dealers", headers)) {
      dealers.add(
          new NetworkDealer(
              d.path("id").asText(), d.path("brandId").asText(), d.path("regionId").asText()));
    }
    dealers.sort(Comparator.comparing(NetworkDealer::id));
    if (config.dealerLimit() > 0 && dealers.size() > config.dealerLimit()) {
      dealers = List.copyOf(dealers.subList(0, config.dealerLimit()));
    }
    if (dealers.isEmpty() || brands.isEmpty() || regions.isEmpty()) {
      throw new IllegalStateException(
          "the backend at "
              + base
              + " has no network (brands "
              + brands.size()
              + ", regions "
              + regions.size()
              + ", dealers "
              + dealers.size()
              + "): load one first, e.g. load-tests/run.sh --start-backend does");
    }
    Set<BrandRegion> cells = new LinkedHashSet<>();
    dealers.forEach(d -> cells.add(new BrandRegion(d.brandId(), d.regionId())));
    List<BrandRegion> brandRegions =
        cells.stream()
            .sorted(Comparator.comparing(BrandRegion::brandId).thenComparing(BrandRegion::regionId))
            .toList();
    return new Network(brands, regions, List.copyOf(dealers), brandRegions);
  }

  private static List<String> ids(JsonNode array) {
    List<String> ids = new ArrayList<>();
    array.forEach(n -> ids.add(n.path("id").asText()));
    ids.sort(Comparator.naturalOrder());
    return ids;
  }

  private static JsonNode get(
      HttpClient client, ObjectMapper json, String url, Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(60))
            .header("Accept", "application/json");
    headers.forEach(request::header);
    try {
      HttpResponse<String> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "GET " + url + " answered " + response.statusCode() + ": " + response.body());
      }
      JsonNode body = json.readTree(response.body());
      if (!body.isArray()) {
        throw new IllegalStateException("GET " + url + " did not answer a JSON array");
      }
      return body;
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the network from " + url + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading " + url, e);
    }
  }
}
