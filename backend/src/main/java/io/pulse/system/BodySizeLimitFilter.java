package io.pulse.system;

import java.net.URI;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses request bodies over the limit with 413 before reading them, when the client declares the
 * length. (Bodies without a declared length are bounded by the codec's in-memory limit.)
 */
@Component
class BodySizeLimitFilter implements WebFilter {

  private final long maxBytes;
  private final JsonMapper json;

  BodySizeLimitFilter(
      @Value("${pulse.ingest.max-body-bytes:33554432}") long maxBytes, JsonMapper json) {
    this.maxBytes = maxBytes;
    this.json = json;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    long length = exchange.getRequest().getHeaders().getContentLength();
    if (length > maxBytes) {
      ProblemDetail problem =
          ProblemDetail.forStatusAndDetail(
              HttpStatus.CONTENT_TOO_LARGE,
              "The body has %d bytes; the limit is %d. Split it into smaller requests."
                  .formatted(length, maxBytes));
      problem.setType(URI.create("/problems/body-too-large"));
      problem.setTitle("Body too large");
      ServerHttpResponse response = exchange.getResponse();
      response.setStatusCode(HttpStatus.CONTENT_TOO_LARGE);
      response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
      DataBuffer buffer = response.bufferFactory().wrap(json.writeValueAsBytes(problem));
      return response.writeWith(Mono.just(buffer));
    }
    return chain.filter(exchange);
  }
}
