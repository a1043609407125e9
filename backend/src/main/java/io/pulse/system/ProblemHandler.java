package io.pulse.system;

import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTransientResourceException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.MethodParameter;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.RedisSystemException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.FieldError;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;

/**
 * Turns failures into RFC 9457 problem details: which field was wrong and why for bad input, and a
 * 503 with Retry-After when a store is down.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);
  static final String RETRY_AFTER_SECONDS = "5";

  @ExceptionHandler(InvalidInputException.class)
  ResponseEntity<ProblemDetail> invalidInput(InvalidInputException e) {
    return ResponseEntity.status(e.status()).body(invalidInputProblem(e));
  }

  private static ProblemDetail invalidInputProblem(InvalidInputException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
    problem.setType(URI.create("/problems/invalid-input"));
    problem.setTitle(
        e.status() == HttpStatus.BAD_REQUEST ? "Invalid input" : "Unknown reference in input");
    problem.setProperty("errors", e.violations());
    return problem;
  }

  /**
   * A path segment, query parameter or header broke its constraint ({@code @NetworkId}, {@code
   * OneOf}, …): the same problem as any other invalid input, naming each parameter as the request
   * spells it. The handler never ran, so nothing was read, checked or stored.
   */
  @Override
  protected Mono<ResponseEntity<Object>> handleHandlerMethodValidationException(
      HandlerMethodValidationException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      ServerWebExchange exchange) {
    List<FieldViolation> violations = new ArrayList<>();
    for (ParameterValidationResult result : ex.getParameterValidationResults()) {
      if (result instanceof ParameterErrors bean) {
        // A parameter object (query parameters bound to a record): each of its fields is one.
        bean.getFieldErrors().forEach(e -> violations.add(violation(e)));
        continue;
      }
      String name = requestName(result.getMethodParameter());
      for (MessageSourceResolvable error : result.getResolvableErrors()) {
        violations.add(new FieldViolation(name, String.valueOf(error.getDefaultMessage())));
      }
    }
    return Mono.just(
        ResponseEntity.badRequest()
            .body(invalidInputProblem(new InvalidInputException(summary(violations), violations))));
  }

  /** Query parameters bound to a record that could not be (a number that is not one). */
  @Override
  protected Mono<ResponseEntity<Object>> handleWebExchangeBindException(
      WebExchangeBindException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      ServerWebExchange exchange) {
    List<FieldViolation> violations =
        ex.getFieldErrors().stream().map(ProblemHandler::violation).toList();
    return Mono.just(
        ResponseEntity.badRequest()
            .body(invalidInputProblem(new InvalidInputException(summary(violations), violations))));
  }

  private static FieldViolation violation(FieldError e) {
    return new FieldViolation(
        e.getField(),
        e.isBindingFailure()
            ? "must be a valid " + (e.getRejectedValue() == null ? "value" : "number")
            : String.valueOf(e.getDefaultMessage()));
  }

  /** A value of the wrong type (a malformed UUID, a number that is not one): named likewise. */
  @Override
  protected Mono<ResponseEntity<Object>> handleServerWebInputException(
      ServerWebInputException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      ServerWebExchange exchange) {
    MethodParameter parameter = ex.getMethodParameter();
    if (parameter == null) {
      return super.handleServerWebInputException(ex, headers, status, exchange);
    }
    String name = requestName(parameter);
    List<FieldViolation> violations =
        List.of(
            new FieldViolation(
                name, "must be a valid " + parameter.getParameterType().getSimpleName()));
    return Mono.just(
        ResponseEntity.badRequest()
            .body(invalidInputProblem(new InvalidInputException(summary(violations), violations))));
  }

  private static String summary(List<FieldViolation> violations) {
    return "Invalid "
        + String.join(", ", violations.stream().map(FieldViolation::field).distinct().toList())
        + "; nothing was done.";
  }

  /** The name the client used: the binding annotation's name, else the Java parameter's. */
  static String requestName(MethodParameter parameter) {
    String named =
        first(
            nameOf(parameter.getParameterAnnotation(PathVariable.class)),
            nameOf(parameter.getParameterAnnotation(RequestParam.class)),
            nameOf(parameter.getParameterAnnotation(RequestHeader.class)));
    if (named != null) {
      return named;
    }
    String java = parameter.getParameterName();
    return java == null ? "parameter " + parameter.getParameterIndex() : java;
  }

  private static @Nullable String nameOf(@Nullable PathVariable a) {
    return a == null ? null : first(a.name(), a.value());
  }

  private static @Nullable String nameOf(@Nullable RequestParam a) {
    return a == null ? null : first(a.name(), a.value());
  }

  private static @Nullable String nameOf(@Nullable RequestHeader a) {
    return a == null ? null : first(a.name(), a.value());
  }

  private static @Nullable String first(@Nullable String... names) {
    for (String n : names) {
      if (n != null && !n.isEmpty()) {
        return n;
      }
    }
    return null;
  }

  @ExceptionHandler(ForbiddenException.class)
  ResponseEntity<ProblemDetail> forbidden(ForbiddenException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
    problem.setType(URI.create("/problems/forbidden"));
    problem.setTitle("Forbidden");
    problem.setProperty("errors", e.violations());
    return ResponseEntity.status(HttpStatus.FORBIDDEN).body(problem);
  }

  @ExceptionHandler(NotFoundException.class)
  ResponseEntity<ProblemDetail> notFound(NotFoundException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    problem.setType(URI.create("/problems/not-found"));
    problem.setTitle("Not found");
    return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
  }

  @ExceptionHandler(TooManyRequestsException.class)
  ResponseEntity<ProblemDetail> tooMany(TooManyRequestsException e) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, e.getMessage());
    problem.setType(URI.create("/problems/too-many-requests"));
    problem.setTitle("Too many requests");
    return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
        .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
        .body(problem);
  }

  @ExceptionHandler(OverloadedException.class)
  ResponseEntity<ProblemDetail> overloaded(OverloadedException e) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
    problem.setType(URI.create("/problems/overloaded"));
    problem.setTitle("Overloaded, retry later");
    problem.setProperty("reason", e.reason());
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
        .body(problem);
  }

  @ExceptionHandler({
    StoreUnavailableException.class,
    DataAccessResourceFailureException.class,
    RedisConnectionFailureException.class,
    RedisSystemException.class,
    QueryTimeoutException.class,
    TransientDataAccessException.class,
    TimeoutException.class,
    R2dbcNonTransientResourceException.class,
    R2dbcTransientResourceException.class
  })
  ResponseEntity<ProblemDetail> unavailable(Exception e) {
    log.warn("Store unavailable: {}", e.toString());
    String detail =
        e instanceof StoreUnavailableException
            ? e.getMessage()
            : "A backing store is unavailable; nothing was acknowledged. Retry later: requests are"
                + " idempotent.";
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, detail);
    problem.setType(URI.create("/problems/store-unavailable"));
    problem.setTitle("Temporarily unavailable");
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
        .body(problem);
  }
}
