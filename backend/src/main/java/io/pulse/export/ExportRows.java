package io.pulse.export;

import io.pulse.api.CommentHit;
import io.pulse.api.Parameter;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The columns of a feedback export and one event's cells, the same in CSV and XLSX. */
final class ExportRows {

  private ExportRows() {}

  /** Column titles. */
  static List<String> header() {
    List<String> header =
        new ArrayList<>(
            List.of(
                "eventId",
                "occurredAt",
                "acceptedAt",
                "dealerId",
                "brandId",
                "regionId",
                "stage",
                "channel"));
    for (Parameter p : Parameter.values()) {
      header.add(p.name());
    }
    header.add("alerts");
    header.add("comment");
    return header;
  }

  /** One event; a score is a number, a parameter not answered an empty cell. */
  static List<@Nullable Object> cells(CommentHit h) {
    List<@Nullable Object> cells =
        new ArrayList<>(
            List.of(
                h.eventId().toString(),
                h.occurredAt().toString(),
                h.acceptedAt().toString(),
                h.dealerId(),
                h.brandId(),
                h.regionId(),
                h.stage().name()));
    cells.add(h.channel() == null ? null : h.channel().name());
    for (Parameter p : Parameter.values()) {
      cells.add(h.scores().get(p));
    }
    cells.add(String.join(" ", h.alerts()));
    cells.add(h.comment());
    return cells;
  }
}
