package io.pulse.search;

import io.pulse.api.Channel;
import io.pulse.api.CommentHit;
import io.pulse.api.CommentMasking;
import io.pulse.api.JourneyStage;
import io.pulse.api.Parameter;
import io.pulse.feedback.EventColumns;
import io.pulse.index.AlertReasons;
import io.pulse.security.PulseUser;
import io.r2dbc.spi.Readable;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;

/**
 * Finds feedback events in PostgreSQL by comment text and filters, limited to the dealers the
 * caller may see. Uses the {@code feedback_comment_fts} index (V7): its expression and its {@code
 * comment IS NOT NULL} are repeated here word for word, or the planner cannot use it.
 */
@Repository
public class CommentSearch {

  /** The text search configuration: Russian stems for Cyrillic words, English for Latin ones. */
  static final String CONFIG = "'russian'::regconfig";

  static final String VECTOR = "to_tsvector(" + CONFIG + ", e.comment)";

  // Private-use characters ts_headline puts around matches; stripped from the comment first, so
  // they can only come from ts_headline. Turned into <mark> after the text is HTML-escaped.
  static final char MARK_OPEN = '\uE000';
  static final char MARK_CLOSE = '\uE001';

  // The whole comment, not fragments: a fragment may end inside a telephone number, and the part
  // left would be too short to be recognised and masked.
  private static final String HEADLINE_OPTIONS =
      "StartSel=" + MARK_OPEN + ", StopSel=" + MARK_CLOSE + ", HighlightAll=true";

  private static final String COLUMNS =
      """
      e.event_id, e.dealer_id, d.brand_id, d.region_id, e.stage, e.occurred_at, e.received_at,
      e.consultation, e.communication, e.visit, e.recommend, e.speed, e.car, e.return_intent,
      e.comment, e.channel
      """;

  private final DatabaseClient db;

  CommentSearch(DatabaseClient db) {
    this.db = db;
  }

  /**
   * One page of results, {@code size + 1} at most so the caller knows whether more follow, with
   * comments and highlights masked unless {@code user} is an administrator.
   */
  public Flux<CommentHit> page(
      SearchCriteria criteria, SearchCriteria.Sort sort, PulseUser user, int page, int size) {
    Query query = where(criteria, user);
    boolean text = criteria.text() != null;
    boolean byRelevance = text && sort == SearchCriteria.Sort.RELEVANCE;
    String order =
        byRelevance
            ? "rank DESC, occurred_at DESC, event_id DESC"
            : "occurred_at DESC, event_id DESC";
    // Highlights only for the page, after the limit: ts_headline re-parses the whole comment.
    String sql =
        "WITH hits AS (SELECT "
            + COLUMNS
            + (byRelevance ? ", ts_rank_cd(" + VECTOR + ", q.query) AS rank" : "")
            + query.from
            + " WHERE "
            + query.where
            + " ORDER BY "
            + (byRelevance
                ? "rank DESC, e.occurred_at DESC, e.event_id DESC"
                : "e.occurred_at DESC, e.event_id DESC")
            + " LIMIT :limit OFFSET :offset) SELECT hits.*"
            + (text
                ? ", ts_headline("
                    + CONFIG
                    + ", translate(hits.comment, :markers, ''), q.query, :hopts) AS highlight"
                    + " FROM hits, websearch_to_tsquery("
                    + CONFIG
                    + ", :text) AS q(query)"
                : " FROM hits")
            + " ORDER BY "
            + order;
    Map<String, Object> binds = new LinkedHashMap<>(query.binds);
    binds.put("limit", size + 1);
    binds.put("offset", (long) page * size);
    if (text) {
      binds.put("markers", String.valueOf(MARK_OPEN) + MARK_CLOSE);
      binds.put("hopts", HEADLINE_OPTIONS);
    }
    DatabaseClient.GenericExecuteSpec spec = db.sql(sql);
    for (var b : binds.entrySet()) {
      spec = spec.bind(b.getKey(), b.getValue());
    }
    boolean admin = user.isAdmin();
    return spec.map(row -> hit(row, text, admin)).all();
  }

  /**
   * Every result, newest first, read in pages of {@code chunk} by keyset (occurredAt, eventId), so
   * an export of any size holds one page in memory; stops after {@code max}.
   */
  public Flux<CommentHit> all(SearchCriteria criteria, PulseUser user, int chunk, int max) {
    boolean admin = user.isAdmin();
    return chunk(criteria, user, chunk, null)
        .expand(rows ->
            rows.size() < chunk ? Flux.empty() : chunk(criteria, user, chunk, rows.getLast()))
        .flatMapIterable(rows -> rows)
        .take(max)
        .map(h -> admin ? h : masked(h));
  }

  private reactor.core.publisher.Mono<List<CommentHit>> chunk(
      SearchCriteria criteria, PulseUser user, int chunk, @Nullable CommentHit after) {
    Query query = where(criteria, user);
    String keyset = "";
    Map<String, Object> binds = new LinkedHashMap<>(query.binds);
    if (after != null) {
      keyset = " AND (e.occurred_at, e.event_id) < (:afterAt, :afterId)";
      binds.put("afterAt", after.occurredAt().atOffset(java.time.ZoneOffset.UTC));
      binds.put("afterId", after.eventId());
    }
    DatabaseClient.GenericExecuteSpec spec =
        db.sql(
            "SELECT "
                + COLUMNS
                + query.from
                + " WHERE "
                + query.where
                + keyset
                + " ORDER BY e.occurred_at DESC, e.event_id DESC LIMIT :limit");
    binds.put("limit", chunk);
    for (var b : binds.entrySet()) {
      spec = spec.bind(b.getKey(), b.getValue());
    }
    return spec.map(row -> hit(row, false, true)).all().collectList();
  }

  private record Query(String from, String where, Map<String, Object> binds) {}

  private static Query where(SearchCriteria c, PulseUser user) {
    List<String> and = new ArrayList<>();
    Map<String, Object> binds = new LinkedHashMap<>();
    String from = " FROM feedback_event e JOIN dealer d ON d.id = e.dealer_id";
    if (c.commentedOnly() || c.text() != null) {
      and.add("e.comment IS NOT NULL");
    }
    if (c.text() != null) {
      from += ", websearch_to_tsquery(" + CONFIG + ", :text) AS q(query)";
      and.add(VECTOR + " @@ q.query");
      binds.put("text", c.text());
    }
    switch (user.role()) {
      case ADMIN -> {}
      case DEALER_MANAGER -> {
        and.add("e.dealer_id = ANY(:mine)");
        binds.put("mine", user.dealerIds().toArray(String[]::new));
      }
      case BRAND_EXECUTIVE -> {
        and.add("d.brand_id = :ownBrand");
        binds.put("ownBrand", String.valueOf(user.brandId()));
      }
      case INGEST -> and.add("false");
    }
    if (c.dealerId() != null) {
      and.add("e.dealer_id = :dealer");
      binds.put("dealer", c.dealerId());
    }
    if (c.brandId() != null) {
      and.add("d.brand_id = :brand");
      binds.put("brand", c.brandId());
    }
    if (c.regionId() != null) {
      and.add("d.region_id = :region");
      binds.put("region", c.regionId());
    }
    if (c.stage() != null) {
      and.add("e.stage = :stage");
      binds.put("stage", c.stage().name());
    }
    if (c.channel() != null) {
      and.add("e.channel = :channel");
      binds.put("channel", c.channel().name());
    }
    if (c.parameter() != null) {
      String column = "e." + EventColumns.of(c.parameter());
      and.add(column + " BETWEEN :minScore AND :maxScore");
      binds.put(
          "minScore",
          (short) (c.minScore() == null ? c.parameter().min() : c.minScore().intValue()));
      binds.put(
          "maxScore",
          (short) (c.maxScore() == null ? c.parameter().max() : c.maxScore().intValue()));
    }
    if (c.group() != null) {
      and.add("e.recommend BETWEEN :groupMin AND :groupMax");
      binds.put("groupMin", (short) c.group().min);
      binds.put("groupMax", (short) c.group().max);
    }
    if (c.from() != null) {
      and.add("e.occurred_at >= :from");
      binds.put("from", c.from().atOffset(java.time.ZoneOffset.UTC));
    }
    if (c.to() != null) {
      and.add("e.occurred_at < :to");
      binds.put("to", c.to().atOffset(java.time.ZoneOffset.UTC));
    }
    return new Query(from, and.isEmpty() ? "true" : String.join(" AND ", and), binds);
  }

  private static CommentHit hit(Readable row, boolean withHighlight, boolean admin) {
    Map<Parameter, Integer> scores = EventColumns.scores(row);
    String channel = row.get("channel", String.class);
    String comment = row.get("comment", String.class);
    String highlight = withHighlight ? row.get("highlight", String.class) : null;
    return new CommentHit(
        row.get("event_id", UUID.class),
        row.get("dealer_id", String.class),
        row.get("brand_id", String.class),
        row.get("region_id", String.class),
        JourneyStage.valueOf(row.get("stage", String.class)),
        row.get("occurred_at", OffsetDateTime.class).toInstant(),
        row.get("received_at", OffsetDateTime.class).toInstant(),
        scores,
        channel == null ? null : Channel.valueOf(channel),
        comment == null ? "" : admin ? comment : CommentMasking.mask(comment),
        highlight == null
            ? null
            : markup(
                admin ? highlight : CommentMasking.maskMarked(highlight, MARK_OPEN, MARK_CLOSE)),
        AlertReasons.of(scores));
  }

  private static CommentHit masked(CommentHit h) {
    return new CommentHit(
        h.eventId(),
        h.dealerId(),
        h.brandId(),
        h.regionId(),
        h.stage(),
        h.occurredAt(),
        h.acceptedAt(),
        h.scores(),
        h.channel(),
        CommentMasking.mask(h.comment()),
        h.highlight(),
        h.alerts());
  }

  /** HTML-escapes the text, then turns the markers into {@code <mark>} tags. */
  static String markup(String marked) {
    StringBuilder out = new StringBuilder(marked.length() + 32);
    for (int i = 0; i < marked.length(); i++) {
      char c = marked.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        case MARK_OPEN -> out.append("<mark>");
        case MARK_CLOSE -> out.append("</mark>");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
