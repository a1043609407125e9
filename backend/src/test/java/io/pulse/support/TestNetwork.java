package io.pulse.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A small network with ids unique to one test, so tests sharing a backend never see each other's
 * dealers: {@code brands × regions} cells with {@code dealersPerCell} dealers each.
 */
public final class TestNetwork {

  public final String tag = UUID.randomUUID().toString().substring(0, 8);
  public final List<String> brands = new ArrayList<>();
  public final List<String> regions = new ArrayList<>();
  public final Map<String, String[]> dealers = new LinkedHashMap<>();

  public TestNetwork(int brandCount, int regionCount, int dealersPerCell) {
    for (int b = 0; b < brandCount; b++) {
      brands.add("B" + tag + "-" + b);
    }
    for (int r = 0; r < regionCount; r++) {
      regions.add("R" + tag + "-" + r);
    }
    for (String b : brands) {
      for (String r : regions) {
        for (int d = 0; d < dealersPerCell; d++) {
          dealers.put(
              "D"
                  + tag
                  + "-"
                  + b.substring(b.lastIndexOf('-') + 1)
                  + r.substring(r.lastIndexOf('-') + 1)
                  + d,
              new String[] {b, r});
        }
      }
    }
  }

  public List<String> dealerIds() {
    return List.copyOf(dealers.keySet());
  }

  public String dealer(int i) {
    return dealerIds().get(i);
  }

  public String brandOf(String dealer) {
    return dealers.get(dealer)[0];
  }

  public String regionOf(String dealer) {
    return dealers.get(dealer)[1];
  }

  public String json() {
    StringBuilder sb = new StringBuilder("{\"brands\":[");
    sb.append(
        String.join(
            ",",
            brands.stream()
                .map(b -> "{\"id\":\"%s\",\"name\":\"Brand %s\"}".formatted(b, b))
                .toList()));
    sb.append("],\"regions\":[");
    sb.append(
        String.join(
            ",",
            regions.stream()
                .map(r -> "{\"id\":\"%s\",\"name\":\"Region %s\"}".formatted(r, r))
                .toList()));
    sb.append("],\"dealers\":[");
    sb.append(
        String.join(
            ",",
            dealers.entrySet().stream()
                .map(e ->
                    "{\"id\":\"%s\",\"name\":\"Dealer %s\",\"brandId\":\"%s\",\"regionId\":\"%s\",\"city\":\"Kazan\",\"timeZone\":\"Europe/Moscow\"}"
                        .formatted(e.getKey(), e.getKey(), e.getValue()[0], e.getValue()[1]))
                .toList()));
    return sb.append("]}").toString();
  }

  public TestNetwork load(WebTestClient client) {
    load(client, json());
    return this;
  }

  /**
   * Imports the network {@code json} (docs/api.md, "Network") as {@code client}'s caller, for tests
   * that write their network out, and checks that it was taken.
   */
  public static void load(WebTestClient client, String json) {
    client
        .post()
        .uri("/api/v1/network/import")
        .contentType(MediaType.APPLICATION_JSON)
        .bodyValue(json)
        .exchange()
        .expectStatus()
        .isOk();
  }
}
