package io.pulse.export;

import io.pulse.api.CommentHit;
import io.pulse.api.Parameter;
import java.util.ArrayList;
import java.util.List;

/** The columns of a feedback export and one event's cells, the same in CSV and XLSX. */
final class ExportRows {

  /** The column of the first parameter's score; the others follow in {@link Parameter} order. */
  static final int FIRST_SCORE = 8;

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

  /** One event; a parameter not answered is an empty cell. */
  static List<String> cells(CommentHit h) {
    List<String> cells =
        new ArrayList<>(
            List.of(
                h.eventId().toString(),
                h.occurredAt().toString(),
                h.acceptedAt().toString(),
                h.dealerId(),
                h.brandId(),
                h.regionId(),
                h.stage().name(),
                h.channel() == null ? "" : h.channel().name()));
    for (Parameter p : Parameter.values()) {
      Integer v = h.scores().get(p);
      cells.add(v == null ? "" : v.toString());
    }
    cells.add(String.join(" ", h.alerts()));
    cells.add(h.comment());
    return cells;
  }

  /** The last row of a file cut at the row limit, so a reader knows it is not everything. */
  static List<String> truncated(int maxRows) {
    List<String> row = new ArrayList<>(header().size());
    row.add("(truncated: at most " + maxRows + " rows per export; narrow the filters)");
    while (row.size() < header().size()) {
      row.add("");
    }
    return row;
  }
}
