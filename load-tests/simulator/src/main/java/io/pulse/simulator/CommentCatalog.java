package io.pulse.simulator;

import io.pulse.api.Parameter;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/** Short customer comments in Russian and English, by sentiment, plus some hostile input. */
final class CommentCatalog {

  private CommentCatalog() {}

  private static final List<String> POSITIVE =
      List.of(
          "Всё отлично, спасибо менеджеру!",
          "Очень доволен, рекомендую друзьям.",
          "Быстро и вежливо, приеду ещё.",
          "Отличный сервис, машину выдали чистой.",
          "Менеджер Анна — профессионал своего дела.",
          "Great service, thank you!",
          "Smooth test drive, very helpful staff.",
          "Quick and friendly, will come back.");

  private static final List<String> NEUTRAL =
      List.of(
          "В целом нормально.",
          "Нормально, но кофе в зоне ожидания закончился.",
          "Без замечаний, но и без восторга.",
          "Всё как обычно.",
          "It was okay.",
          "Fine overall, parking was hard to find.");

  private static final List<String> NEGATIVE =
      List.of(
          "Долго ждал, никто не подошёл.",
          "Обещали перезвонить и не перезвонили.",
          "Навязывали допы, неприятно.",
          "Машину выдали грязной, с царапиной.",
          "Не рекомендую этот салон.",
          "Waited for an hour, nobody cared.",
          "The manager was rude and pushy.",
          "Paperwork took forever.");

  private static final Map<Parameter, List<String>> COMPLAINTS =
      Map.of(
          Parameter.SPEED,
              List.of(
                  "Оформление заняло полдня.",
                  "Очень долго ждал выдачи автомобиля.",
                  "Slow service, two hours for a simple check."),
          Parameter.CONSULTATION,
              List.of(
                  "Менеджер не знал характеристик машины.",
                  "Couldn't answer basic questions about the engine."),
          Parameter.COMMUNICATION,
              List.of("Менеджер разговаривал свысока.", "Nobody returned my calls."),
          Parameter.VISIT,
              List.of("В салоне грязно, негде присесть.", "No one greeted us at the entrance."),
          Parameter.CAR,
              List.of("Машина с дефектом лакокрасочного покрытия.", "The car rattles already."),
          Parameter.RETURN,
              List.of("Больше сюда не приеду.", "Will take my car elsewhere for service."));

  private static final List<String> GAMING =
      List.of("Всё отлично!", "Всё супер!", "Excellent!", "5 баллов!", "Лучший дилер!");

  // Texts that must come out escaped and intact downstream: markup, quotes, SQL, control chars.
  private static final List<String> HOSTILE =
      List.of(
          "<script>alert(1)</script>",
          "Менеджер сказал \"подождите\" и пропал <b>на час</b>",
          "\"Quotes\" & 'apostrophes' & <tags> & \\backslashes\\",
          "Robert'); DROP TABLE feedback;--",
          "<img src=x onerror=alert('xss')> отлично",
          "Line one\nLine two\ttabbed",
          "👍 Всё супер 🚗💨",
          "{\"json\": \"inside a comment\"}");

  static String positive(RandomGenerator rng) {
    return pickOrHostile(POSITIVE, rng);
  }

  static String neutral(RandomGenerator rng) {
    return pickOrHostile(NEUTRAL, rng);
  }

  /** A complaint, about {@code worst} when there is a specific one for it. */
  static String negative(Parameter worst, RandomGenerator rng) {
    List<String> specific = COMPLAINTS.get(worst);
    if (specific != null && rng.nextDouble() < 0.6) {
      return specific.get(rng.nextInt(specific.size()));
    }
    return pickOrHostile(NEGATIVE, rng);
  }

  static String gaming(RandomGenerator rng) {
    return GAMING.get(rng.nextInt(GAMING.size()));
  }

  static List<String> hostile() {
    return HOSTILE;
  }

  private static String pickOrHostile(List<String> texts, RandomGenerator rng) {
    if (rng.nextDouble() < 0.03) {
      return HOSTILE.get(rng.nextInt(HOSTILE.size()));
    }
    return texts.get(rng.nextInt(texts.size()));
  }
}
