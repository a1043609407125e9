package io.pulse.search;

import io.pulse.api.Channel;
import io.pulse.api.JourneyStage;
import io.pulse.api.Parameter;
import io.pulse.network.DealerDirectory;
import io.pulse.network.NetworkId;
import io.pulse.network.VisibleDealers;
import io.pulse.security.Access;
import io.pulse.security.PulseUser;
import io.pulse.system.FieldViolation;
import io.pulse.system.InvalidInputException;
import io.pulse.system.NotFoundException;
import io.pulse.system.OneOf;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Turns the query parameters of a search or an export into {@link SearchCriteria}: checks what the
 * parameter constraints cannot (ranges that depend on another parameter, date-times), then that the
 * caller may see the dealer and brand asked for — one they may not is answered like one that does
 * not exist (404), as everywhere else.
 */
@Component
public class SearchRequest {

  /**
   * The filters as query parameters, each held to its own rule when bound (a {@code @Valid}
   * parameter object of the search and of its export: one definition for both).
   *
   * @param q words to find (web search syntax: a phrase in quotes, {@code or}, {@code -word})
   * @param from ISO-8601 date or date-time, inclusive
   * @param to ISO-8601 date or date-time, exclusive
   */
  public record Params(
      @Size(max = 200) @Nullable String q,
      @NetworkId @Nullable String dealerId,
      @NetworkId @Nullable String brandId,
      @NetworkId @Nullable String regionId,
      @OneOf({
            "FIRST_CONTACT",
            "CONSULTATION",
            "TEST_DRIVE",
            "CONTRACT",
            "HANDOVER",
            "FOLLOW_UP",
            "SERVICE_VISIT"
          })
          @Nullable String stage,
      @OneOf({"SMS", "CALL", "WEB", "APP", "EMAIL"}) @Nullable String channel,
      @OneOf({"CONSULTATION", "COMMUNICATION", "VISIT", "RECOMMEND", "SPEED", "CAR", "RETURN"})
          @Nullable String parameter,
      @Min(0) @Max(10) @Nullable Integer minScore,
      @Min(0) @Max(10) @Nullable Integer maxScore,
      @OneOf({"promoter", "passive", "detractor"}) @Nullable String nps,
      @Size(max = 40) @Nullable String from,
      @Size(max = 40) @Nullable String to) {

    /** One dealer's feedback in a period, without other filters. */
    public static Params ofDealer(String dealerId, @Nullable String from, @Nullable String to) {
      return new Params(null, dealerId, null, null, null, null, null, null, null, null, from, to);
    }
  }

  private final VisibleDealers dealers;
  private final DealerDirectory directory;
  private final Access access;

  SearchRequest(VisibleDealers dealers, DealerDirectory directory, Access access) {
    this.dealers = dealers;
    this.directory = directory;
    this.access = access;
  }

  /** The criteria and the caller, or a 400 naming each bad parameter, or a 404. */
  public Mono<Scoped> resolve(Params p, boolean commentedOnly) {
    SearchCriteria criteria = criteria(p, commentedOnly);
    Mono<Void> dealer =
        criteria.dealerId() == null ? Mono.empty() : dealers.require(criteria.dealerId()).then();
    Mono<Void> brand = Mono.empty();
    if (criteria.brandId() != null) {
      String id = criteria.brandId();
      if (directory.brand(id).isEmpty()) {
        return Mono.error(new NotFoundException("No brand with id " + id));
      }
      // An executive's other brands do not exist for them; a manager's filter just narrows.
      brand =
          access
              .user()
              .flatMap(u ->
                  u.role() == io.pulse.api.Role.BRAND_EXECUTIVE
                      ? access.requireBrand(id).then()
                      : Mono.<Void>empty());
    }
    if (criteria.regionId() != null && directory.region(criteria.regionId()).isEmpty()) {
      return Mono.error(new NotFoundException("No region with id " + criteria.regionId()));
    }
    return dealer
        .then(brand)
        .then(access.user())
        .switchIfEmpty(
            Mono.error(() ->
                new org.springframework.security.access.AccessDeniedException("not authenticated")))
        .map(u -> new Scoped(criteria, u));
  }

  /** Criteria and the caller they are for. */
  public record Scoped(SearchCriteria criteria, PulseUser user) {}

  static SearchCriteria criteria(Params p, boolean commentedOnly) {
    List<FieldViolation> bad = new ArrayList<>();
    String text = p.q() == null || p.q().isBlank() ? null : p.q().strip();
    if (text != null && text.indexOf('\0') >= 0) {
      bad.add(new FieldViolation("q", "must not contain NUL"));
    }
    Parameter parameter = p.parameter() == null ? null : Parameter.valueOf(p.parameter());
    if (parameter == null && (p.minScore() != null || p.maxScore() != null)) {
      bad.add(new FieldViolation("parameter", "is required with minScore or maxScore"));
    }
    if (parameter != null) {
      checkScale("minScore", p.minScore(), parameter, bad);
      checkScale("maxScore", p.maxScore(), parameter, bad);
      if (p.minScore() != null && p.maxScore() != null && p.minScore() > p.maxScore()) {
        bad.add(new FieldViolation("maxScore", "must not be below minScore"));
      }
    }
    Instant from = instant("from", p.from(), bad);
    Instant to = instant("to", p.to(), bad);
    if (from != null && to != null && !from.isBefore(to)) {
      bad.add(new FieldViolation("to", "must be after from"));
    }
    if (!bad.isEmpty()) {
      throw new InvalidInputException(
          "Invalid "
              + String.join(", ", bad.stream().map(FieldViolation::field).distinct().toList())
              + "; nothing was done.",
          bad);
    }
    return new SearchCriteria(
        text,
        p.dealerId(),
        p.brandId(),
        p.regionId(),
        p.stage() == null ? null : JourneyStage.valueOf(p.stage()),
        p.channel() == null ? null : Channel.valueOf(p.channel()),
        parameter,
        p.minScore(),
        p.maxScore(),
        p.nps() == null ? null : SearchCriteria.NpsGroup.valueOf(p.nps().toUpperCase(Locale.ROOT)),
        from,
        to,
        commentedOnly);
  }

  private static void checkScale(
      String field, @Nullable Integer value, Parameter parameter, List<FieldViolation> bad) {
    if (value != null && (value < parameter.min() || value > parameter.max())) {
      bad.add(
          new FieldViolation(
              field,
              "must be from %d to %d, the scale of %s"
                  .formatted(parameter.min(), parameter.max(), parameter)));
    }
  }

  private static @Nullable Instant instant(
      String field, @Nullable String value, List<FieldViolation> bad) {
    if (value == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      bad.add(
          new FieldViolation(
              field, "must be an ISO-8601 date-time with offset, e.g. 2026-11-23T10:00:00+03:00"));
      return null;
    }
  }
}
