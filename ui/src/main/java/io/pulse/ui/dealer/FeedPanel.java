package io.pulse.ui.dealer;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import io.pulse.api.Alert;
import io.pulse.api.CommentMasking;
import io.pulse.api.FeedItem;
import io.pulse.api.Parameter;
import io.pulse.ui.base.Flash;
import io.pulse.ui.base.Formats;
import io.pulse.ui.base.Labels;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The dealer's newest feedback, newest first, with the customer's comment. Comments are untrusted:
 * they are set as text, which the browser shows literally.
 */
class FeedPanel extends Div {

  // Masked until the view says this person is an admin (CurrentUser.seesPersonalData).
  private boolean personalData;

  static final int MAX_ITEMS = 50;

  /** RECOMMEND leads: it is the NPS question, the one a manager reads first. */
  private static final Comparator<Parameter> CHIP_ORDER =
      Comparator.comparing((Parameter p) -> p != Parameter.RECOMMEND)
          .thenComparing(Comparator.naturalOrder());

  private final Div items = new Div();
  private final Paragraph empty = new Paragraph();
  private final Deque<Div> shown = new ArrayDeque<>();
  private final Set<Long> seen = new HashSet<>();
  private final Set<String> seenWarnings = new HashSet<>();

  FeedPanel() {
    addClassNames("pulse-card", "pulse-feed");
    setId("feed");
    items.addClassName("pulse-feed-items");
    empty.setText(getTranslation("feed.empty"));
    empty.addClassName("pulse-muted");
    add(new H2(getTranslation("feed.title")), empty, items);
  }

  /** Adds items (oldest first); {@code highlight} marks them as just arrived. */
  void add(List<FeedItem> batch, Formats formats, boolean highlight) {
    for (FeedItem item : batch) {
      if (!seen.add(item.seq())) {
        continue;
      }
      prepend(row(item, formats), highlight);
    }
    empty.setVisible(shown.isEmpty());
  }

  /**
   * Adds an early warning (pushed when it is raised, {@code highlight}ed if live): its reasons and
   * what moved, in the session's language, set as text.
   */
  void addWarning(Alert alert, Formats formats, boolean highlight) {
    if (alert.explanations().isEmpty()
        || !seenWarnings.add(alert.eventId() + " " + alert.reasons())) {
      return;
    }
    Div row = new Div();
    row.addClassNames("pulse-feed-item", "alerting", "warning");
    row.setId("feed-warning-" + alert.eventId());
    Span when = new Span(formats.dateTime(alert.createdAt()));
    when.addClassName("pulse-muted");
    Span title = new Span(getTranslation("feed.warning"));
    title.addClassName("pulse-feed-stage");
    Div head = new Div(when, title);
    head.addClassName("pulse-feed-head");
    row.add(head);
    row.add(WarningTexts.of(alert, getLocale()));
    Div alerts = new Div();
    alerts.addClassName("pulse-feed-alerts");
    alert.explanations().forEach(e -> alerts.add(badge(e.reason())));
    row.add(alerts);
    prepend(row, highlight);
    empty.setVisible(false);
  }

  /** Puts {@code row} on top, the oldest beyond {@link #MAX_ITEMS} dropped. */
  private void prepend(Div row, boolean highlight) {
    items.addComponentAsFirst(row);
    shown.addFirst(row);
    if (highlight) {
      Flash.changed(row);
    }
    while (shown.size() > MAX_ITEMS) {
      items.remove(shown.removeLast());
    }
  }

  void clear() {
    items.removeAll();
    shown.clear();
    seen.clear();
    seenWarnings.clear();
    empty.setVisible(true);
  }

  int size() {
    return shown.size();
  }

  private Div row(FeedItem item, Formats formats) {
    Div row = new Div();
    row.addClassName("pulse-feed-item");
    row.setId("feed-" + item.seq());
    if (!item.alerts().isEmpty()) {
      row.addClassName("alerting");
    }
    Span when = new Span(formats.dateTime(item.occurredAt()));
    when.addClassName("pulse-muted");
    Span stage = new Span(Labels.of(this, "stage", item.stage()));
    stage.addClassName("pulse-feed-stage");
    Div head = new Div(when, stage);
    if (item.channel() != null) {
      Span channel = new Span(Labels.of(this, "channel", item.channel()));
      channel.addClassName("pulse-muted");
      head.add(channel);
    }
    head.addClassName("pulse-feed-head");

    Div scores = new Div();
    scores.addClassName("pulse-scores");
    item.scores().entrySet().stream()
        .sorted(Map.Entry.comparingByKey(CHIP_ORDER))
        .forEach(e -> scores.add(scoreChip(e.getKey(), e.getValue())));
    row.add(head, scores);
    if (item.comment() != null && !item.comment().isBlank()) {
      Paragraph comment = new Paragraph();
      // setText: the comment is shown literally, markup and all (never as HTML).
      comment.setText(personalData ? item.comment() : CommentMasking.mask(item.comment()));
      comment.addClassName("pulse-comment");
      row.add(comment);
    }
    if (!item.alerts().isEmpty()) {
      Div alerts = new Div();
      alerts.addClassName("pulse-feed-alerts");
      for (String reason : item.alerts()) {
        alerts.add(badge(reason));
      }
      row.add(alerts);
    }
    return row;
  }

  private Span badge(String reason) {
    Icon icon = VaadinIcon.BELL.create();
    icon.getElement().setAttribute("aria-hidden", "true");
    Span badge = new Span(icon, new Span(Labels.alertReason(this, reason)));
    badge.addClassNames("pulse-badge", "error", "small");
    return badge;
  }

  private Span scoreChip(Parameter parameter, int value) {
    boolean low = parameter.isLow(value);
    Span chip =
        new Span(Labels.of(this, "parameter-short", parameter) + " " + value + (low ? " ▼" : ""));
    chip.addClassNames("pulse-chip", low ? "low" : "ok");
    return chip;
  }

  /** Whether comments show telephone numbers and e-mail addresses (admins) or hide them. */
  void showPersonalData(boolean show) {
    personalData = show;
  }
}
