package io.pulse.history;

import io.pulse.api.Dealer;
import io.pulse.api.History;
import io.pulse.api.IndexView;
import io.pulse.api.ScopeRef;
import io.pulse.feedback.DealerDays;
import io.pulse.figures.IndexProperties;
import io.pulse.figures.IndexQueryService;
import io.pulse.index.CalendarPeriod;
import io.pulse.index.IndexCalculator;
import io.pulse.index.IndexFigures;
import io.pulse.index.PeriodChange;
import io.pulse.index.Tally;
import io.pulse.network.DealerDirectory;
import io.pulse.system.FieldViolation;
import io.pulse.system.InvalidInputException;
import io.pulse.system.NotFoundException;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Day and week series and calendar periods of a scope, from the daily roll-ups and the index math
 * that computes the live windows (so a day's CSI means what a window's CSI means).
 */
@Service
class HistoryService {

  /** The longest series one request may ask for. */
  static final int MAX_MONTHS = 13;

  private final DealerDayRepository days;
  private final DealerDirectory directory;
  private final IndexQueryService index;
  private final IndexCalculator calculator;
  private final HistoryProperties properties;
  private final Clock clock;

  HistoryService(
      DealerDayRepository days,
      DealerDirectory directory,
      IndexQueryService index,
      IndexProperties indexProperties,
      HistoryProperties properties,
      Clock clock) {
    this.days = days;
    this.directory = directory;
    this.index = index;
    this.calculator = new IndexCalculator(indexProperties.settings());
    this.properties = properties;
    this.clock = clock;
  }

  HistoryScope dealer(Dealer d) {
    return new HistoryScope(
        new ScopeRef("dealer", d.id(), d.name(), d.brandId(), d.regionId()),
        "d.id = :dealer",
        Map.of("dealer", d.id()),
        ZoneId.of(d.timeZone()),
        false);
  }

  HistoryScope brand(String brandId) {
    var brand =
        directory
            .brand(brandId)
            .orElseThrow(() -> new NotFoundException("No brand with id " + brandId));
    return new HistoryScope(
        new ScopeRef("brand", brandId, brand.name(), brandId, null),
        "d.brand_id = :brand",
        Map.of("brand", brandId),
        properties.reportingZone(),
        true);
  }

  HistoryScope region(String regionId) {
    var region =
        directory
            .region(regionId)
            .orElseThrow(() -> new NotFoundException("No region with id " + regionId));
    return new HistoryScope(
        new ScopeRef("region", regionId, region.name(), null, regionId),
        "d.region_id = :region",
        Map.of("region", regionId),
        properties.reportingZone(),
        true);
  }

  HistoryScope brandRegion(String brandId, String regionId) {
    index.requireCell(brandId, regionId);
    return new HistoryScope(
        new ScopeRef("brand-region", null, null, brandId, regionId),
        "d.brand_id = :brand AND d.region_id = :region",
        Map.of("brand", brandId, "region", regionId),
        properties.reportingZone(),
        true);
  }

  HistoryScope network() {
    return new HistoryScope(
        new ScopeRef("network", null, null, null, null),
        "TRUE",
        Map.of(),
        properties.reportingZone(),
        true);
  }

  /** The range a series request asks for, checked: every bad field is named in one 400. */
  record Range(String granularity, LocalDate from, LocalDate to) {}

  Range range(
      HistoryScope scope, String granularity, @Nullable String fromText, @Nullable String toText) {
    List<FieldViolation> bad = new ArrayList<>();
    LocalDate today = today(scope);
    LocalDate to = date("to", toText, today, bad);
    boolean weekly = granularity.equals("week");
    LocalDate from =
        date(
            "from",
            fromText,
            weekly ? to.minusMonths(MAX_MONTHS).plusDays(1) : to.minusMonths(3).plusDays(1),
            bad);
    if (bad.isEmpty() && from.isAfter(to)) {
      bad.add(new FieldViolation("from", "must not be after to (" + to + ")"));
    }
    if (bad.isEmpty() && from.isBefore(to.minusMonths(MAX_MONTHS))) {
      bad.add(
          new FieldViolation(
              "from", "must be at most %d months before to (%s)".formatted(MAX_MONTHS, to)));
    }
    if (!bad.isEmpty()) {
      throw new InvalidInputException("Bad history range.", bad);
    }
    if (weekly) {
      from = from.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      to = to.with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY));
    }
    return new Range(granularity, from, to);
  }

  private static LocalDate date(
      String field, @Nullable String text, LocalDate fallback, List<FieldViolation> bad) {
    if (text == null || text.isEmpty()) {
      return fallback;
    }
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      bad.add(new FieldViolation(field, "must be a date as YYYY-MM-DD, was " + quoted(text)));
      return fallback;
    }
  }

  private static String quoted(String text) {
    return "'" + (text.length() > 20 ? text.substring(0, 20) + "…" : text) + "'";
  }

  /** The series of the range: one point per day or week, empty ones included. */
  Mono<History.Series> series(HistoryScope scope, Range range) {
    boolean weekly = range.granularity().equals("week");
    return days.totals(scope, range.from(), range.to(), weekly)
        .collectMap(DayTotals::start, DayTotals::tally)
        .map(byStart -> {
          List<History.Point> points = new ArrayList<>();
          int step = weekly ? 7 : 1;
          for (LocalDate d = range.from(); !d.isAfter(range.to()); d = d.plusDays(step)) {
            Tally t = byStart.getOrDefault(d, Tally.empty());
            points.add(new History.Point(d, d.plusDays(step - 1L), figures(t)));
          }
          return new History.Series(
              scope.ref(), range.granularity(), range.from(), range.to(), points);
        });
  }

  /** The calendar periods on the scope's today, each against its previous period. */
  Mono<History.Periods> periods(HistoryScope scope) {
    LocalDate today = today(scope);
    List<CalendarPeriod> periods = CalendarPeriod.on(today);
    // Days before this were not kept when they arrived (DealerDays.RETENTION_DAYS).
    LocalDate kept = today.minusDays(DealerDays.RETENTION_DAYS);
    LocalDate earliest =
        periods.stream()
            .map(CalendarPeriod::previousFrom)
            .filter(d -> !d.isBefore(kept))
            .min(LocalDate::compareTo)
            .orElse(kept);
    return days.totals(scope, earliest, today, false)
        .collectList()
        .map(rows -> {
          List<History.Period> out = new ArrayList<>();
          for (CalendarPeriod p : periods) {
            Tally current = Tally.empty();
            Tally previous = Tally.empty();
            for (DayTotals row : rows) {
              if (p.contains(row.start())) {
                current = current.plus(row.tally());
              } else if (p.previousContains(row.start())) {
                previous = previous.plus(row.tally());
              }
            }
            out.add(period(p, current, p.previousFrom().isBefore(kept) ? null : previous));
          }
          return new History.Periods(scope.ref(), today, out);
        });
  }

  private History.Period period(CalendarPeriod p, Tally current, @Nullable Tally previous) {
    IndexFigures now = calculator.figures(current);
    IndexFigures before = previous == null ? null : calculator.figures(previous);
    PeriodChange change =
        before == null
            ? new PeriodChange(null, null, null, null)
            : PeriodChange.between(now, before);
    return new History.Period(
        p.name(),
        p.from(),
        p.to(),
        figures(now),
        p.previousFrom(),
        p.previousTo(),
        before == null ? null : figures(before),
        IndexView.round(change.csiChange()),
        change.csiSignificant(),
        IndexView.round(change.npsChange()),
        change.npsSignificant());
  }

  LocalDate today(HistoryScope scope) {
    return LocalDate.ofInstant(clock.instant(), scope.zone());
  }

  private History.Figures figures(Tally tally) {
    return figures(calculator.figures(tally));
  }

  private static History.Figures figures(IndexFigures f) {
    return new History.Figures(
        f.responses(),
        IndexView.round(f.csi()),
        IndexView.round(f.csiInterval().low()),
        IndexView.round(f.csiInterval().high()),
        IndexView.round(f.nps().score()),
        IndexView.round(f.nps().marginOfError()),
        f.lowSample());
  }
}
