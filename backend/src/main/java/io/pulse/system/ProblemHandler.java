package io.pulse.system;

import java.net.URI;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.RedisSystemException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;

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
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
    problem.setType(URI.create("/problems/invalid-input"));
    problem.setTitle(
        e.status() == HttpStatus.BAD_REQUEST ? "Invalid input" : "Unknown reference in input");
    problem.setProperty("errors", e.violations());
    return ResponseEntity.status(e.status()).body(problem);
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

  @ExceptionHandler({
    StoreUnavailableException.class,
    DataAccessResourceFailureException.class,
    RedisConnectionFailureException.class,
    RedisSystemException.class,
    QueryTimeoutException.class,
    TimeoutException.class,
    io.r2dbc.spi.R2dbcNonTransientResourceException.class,
    io.r2dbc.spi.R2dbcTransientResourceException.class
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
