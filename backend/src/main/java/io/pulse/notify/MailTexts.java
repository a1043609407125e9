package io.pulse.notify;

import io.pulse.api.CommentMasking;
import io.pulse.api.Parameter;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The texts of the e-mails in English and Russian. Plain text only; a customer's comment is quoted
 * with phone numbers and e-mail addresses masked, as everywhere outside administration.
 */
final class MailTexts {

  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final URI ui;

  MailTexts(URI ui) {
    this.ui = ui;
  }

  /**
   * What was wrong with one answer, in words: "detractor", "low score: Speed", "early warning: CSI
   * falling".
   */
  static List<String> reasons(List<String> codes, boolean ru) {
    List<String> words = new ArrayList<>();
    for (String code : codes) {
      if (code.equals("DETRACTOR")) {
        words.add(ru ? "критик (не порекомендует)" : "detractor (would not recommend)");
      } else if (code.startsWith("LOW_SCORE:")) {
        String label =
            Parameter.parse(code.substring("LOW_SCORE:".length()))
                .map(p -> p.label(ru ? "ru" : "en"))
                .orElse(code);
        words.add((ru ? "низкая оценка: " : "low score: ") + label);
      } else if (code.equals("INDEX_DROP")) {
        words.add(ru ? "раннее предупреждение: CSI падает" : "early warning: CSI falling");
      } else if (code.equals("DETRACTORS_RISE")) {
        words.add(
            ru
                ? "раннее предупреждение: растёт доля критиков"
                : "early warning: detractors rising");
      } else if (code.startsWith("WEAK_POINT:")) {
        String label =
            Parameter.parse(code.substring("WEAK_POINT:".length()))
                .map(p -> p.label(ru ? "ru" : "en"))
                .orElse(code);
        words.add((ru ? "раннее предупреждение: снижается " : "early warning: falling ") + label);
      } else {
        words.add(code);
      }
    }
    return words;
  }

  Mail hotAlert(
      String language,
      String dealerId,
      String dealerName,
      List<String> reasonCodes,
      String stage,
      Instant occurredAt,
      Map<Parameter, Integer> scores,
      @Nullable String comment) {
    boolean ru = "ru".equals(language);
    StringBuilder b = new StringBuilder();
    b.append(
            (ru
                    ? "Недовольный клиент у дилера %s: свяжитесь с ним в течение суток."
                    : "An unhappy customer at %s: get in touch within 24 hours.")
                .formatted(dealerName))
        .append("\n\n")
        .append(ru ? "Почему: " : "Why: ")
        .append(String.join("; ", reasons(reasonCodes, ru)))
        .append('\n')
        .append(ru ? "Этап: " : "Stage: ")
        .append(stage)
        .append(", ")
        .append(WHEN.format(occurredAt))
        .append('\n');
    scores.forEach(
        (p, v) -> b.append("  ").append(p.label(language)).append(": ").append(v).append('\n'));
    if (comment != null && !comment.isBlank()) {
      b.append('\n')
          .append(ru ? "Клиент написал:\n" : "The customer wrote:\n")
          .append(quoted(CommentMasking.mask(comment)))
          .append('\n');
    }
    b.append('\n').append(link("dealers/" + dealerId)).append('\n');
    return new Mail(
        (ru ? "Pulse: недовольный клиент — " : "Pulse: unhappy customer — ") + dealerName,
        b.toString());
  }

  Mail escalation(
      String language,
      String dealerId,
      String dealerName,
      List<String> reasonCodes,
      Instant createdAt,
      String status,
      long hoursOpen) {
    boolean ru = "ru".equals(language);
    String body =
        (ru
                ? "Оповещение дилера %s не закрыто %d ч (поступило %s, статус %s)."
                    + "\nПочему: %s\n\n%s\n"
                : "An alert of %s has been open for %d h (came %s, status %s)."
                    + "\nWhy: %s\n\n%s\n")
            .formatted(
                dealerName,
                hoursOpen,
                WHEN.format(createdAt),
                status,
                String.join("; ", reasons(reasonCodes, ru)),
                link("dealers/" + dealerId));
    return new Mail(
        (ru ? "Pulse: просрочено оповещение — " : "Pulse: overdue alert — ") + dealerName, body);
  }

  Mail dailyDigest(
      String language,
      String dealerId,
      String dealerName,
      Instant until,
      long responses,
      long promoters,
      long detractors,
      long newAlerts,
      long open,
      long overdue) {
    boolean ru = "ru".equals(language);
    String body =
        (ru
                ? "%s, сутки до %s:\n  ответов: %d (промоутеров %d, критиков %d)\n"
                    + "  новых оповещений: %d\n  открыто: %d, из них просрочено: %d\n\n%s\n"
                : "%s, the 24 hours to %s:\n  answers: %d (promoters %d, detractors %d)\n"
                    + "  new alerts: %d\n  open: %d, overdue: %d\n\n%s\n")
            .formatted(
                dealerName,
                WHEN.format(until),
                responses,
                promoters,
                detractors,
                newAlerts,
                open,
                overdue,
                link("dealers/" + dealerId));
    return new Mail(
        (ru ? "Pulse: сводка за день — " : "Pulse: daily digest — ")
            + dealerName
            + " "
            + LocalDate.ofInstant(until, ZoneOffset.UTC),
        body);
  }

  Mail weeklySummary(
      String language,
      String brandId,
      String brandName,
      String week,
      long responses,
      long promoters,
      long detractors,
      long newAlerts,
      long resolved,
      long overdue) {
    boolean ru = "ru".equals(language);
    String nps =
        responses == 0
            ? "—"
            : String.format(Locale.ROOT, "%+.0f", 100.0 * (promoters - detractors) / responses);
    String body =
        (ru
                ? "%s, неделя %s:\n  ответов: %d, NPS %s (промоутеров %d, критиков %d)\n"
                    + "  новых оповещений: %d, закрыто: %d, просрочено сейчас: %d\n\n%s\n"
                : "%s, week %s:\n  answers: %d, NPS %s (promoters %d, detractors %d)\n"
                    + "  new alerts: %d, resolved: %d, overdue now: %d\n\n%s\n")
            .formatted(
                brandName,
                week,
                responses,
                nps,
                promoters,
                detractors,
                newAlerts,
                resolved,
                overdue,
                link("brands/" + brandId));
    return new Mail(
        (ru ? "Pulse: итоги недели — " : "Pulse: weekly summary — ") + brandName + " " + week,
        body);
  }

  Mail monthlyReport(String language, String brandId, String brandName, String month) {
    boolean ru = "ru".equals(language);
    String body =
        (ru
                ? "%s, отчёт за %s: по каждому дилеру ответы, промоутеры, критики, NPS и оповещения"
                    + " — в приложенном файле XLSX.\n\n%s\n"
                : "%s, the report for %s: answers, promoters, detractors, NPS and alerts of every"
                    + " dealer in the attached XLSX file.\n\n%s\n")
            .formatted(brandName, month, link("brands/" + brandId));
    return new Mail(
        (ru ? "Pulse: отчёт за месяц — " : "Pulse: monthly report — ") + brandName + " " + month,
        body);
  }

  /**
   * Stands for the link in a queued confirmation e-mail: its token is made when the e-mail is sent
   * ({@link #confirmationLink}), so that it is never stored.
   */
  static final String CONFIRMATION_LINK = "[confirmation link]";

  /**
   * The only e-mail an unconfirmed address gets. It says what Pulse would send and how to stop it,
   * and holds nothing the person typed: whoever typed the address may be a stranger to its owner.
   */
  Mail confirmation(String language, Duration validity) {
    boolean ru = "ru".equals(language);
    String body =
        (ru
                ? "Кто-то, вошедший в Pulse, попросил присылать на этот адрес письма Pulse:"
                    + " оповещения и показатели автодилеров.\n\n"
                    + "Если это были вы, откройте ссылку и нажмите «Подтвердить». Ссылка действует"
                    + " %s и только один раз:\n%s\n\n"
                    + "Если это были не вы, ничего не делайте: пока ссылку не откроют, Pulse ничего"
                    + " больше не пришлёт на этот адрес.\n"
                : "Someone signed in to Pulse asked for its e-mails, alerts and figures of car"
                    + " dealers, to be sent to this address.\n\n"
                    + "If that was you, open this link and press Confirm. It works for %s, and"
                    + " once:\n%s\n\n"
                    + "If it was not you, do nothing: unless the link is opened, Pulse sends"
                    + " nothing more to this address.\n")
            .formatted(span(validity, ru), CONFIRMATION_LINK);
    return new Mail(
        ru ? "Pulse: подтвердите адрес электронной почты" : "Pulse: confirm your e-mail address",
        body);
  }

  /** The link of a confirmation e-mail: the UI's page that asks before it confirms. */
  String confirmationLink(ConfirmationToken token) {
    return link("confirm-email?token=" + token.value());
  }

  private static String span(Duration d, boolean ru) {
    if (d.toMinutes() % 60 == 0) {
      return d.toHours() + (ru ? " ч" : d.toHours() == 1 ? " hour" : " hours");
    }
    return d.toMinutes() + (ru ? " мин" : " minutes");
  }

  private String link(String path) {
    String base = ui.toString();
    return (base.endsWith("/") ? base : base + "/") + path;
  }

  private static String quoted(String text) {
    return "> " + text.strip().replace("\r", "").replace("\n", "\n> ");
  }
}
