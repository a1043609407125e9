package io.pulse.apidocs;

import io.pulse.security.SecurityProperties;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * The parts of the OpenAPI document springdoc cannot read from the controllers: what the API is,
 * how callers authenticate in this instance's mode, and the problem responses of each operation.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocsConfiguration {

  private static final String DESCRIPTION =
      """
      Real-time Customer Service Index of a car dealer network: ingest of customer feedback, \
      reference data (brands, regions, dealers), index figures and analytics per dealer, region, \
      brand and network, alerts, and live streams (server-sent events).

      Every error is an RFC 9457 problem (`application/problem+json`) with a `type` such as \
      `/problems/invalid-input`; invalid input lists every bad field or parameter in `errors`. \
      What a caller may not see answers `404` exactly like what does not exist.\
      """;

  @Bean
  OpenAPI pulseOpenApi(SecurityProperties security) {
    Components components = new Components();
    CallerSecurity.addSchemes(components, security);
    ProblemResponses.addComponents(components);
    return new OpenAPI()
        .info(new Info().title("Pulse API").version("v1").description(DESCRIPTION))
        .components(components);
  }

  /** Adds to every operation who may call it and the problems it may answer with. */
  @Bean
  OpenApiCustomizer callersAndProblems(SecurityProperties security) {
    return api ->
        api.getPaths()
            .forEach((path, item) ->
                item.readOperationsMap()
                    .forEach((method, operation) -> {
                      HttpMethod m = HttpMethod.valueOf(method.name());
                      CallerSecurity.apply(m, path, operation, security);
                      ProblemResponses.apply(m, path, operation);
                    }));
  }
}
