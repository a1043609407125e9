package io.pulse.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CommentMaskingTests {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Позвоните мне: +7 (912) 345-67-89, жду | Позвоните мне: [phone], жду",
        "тел. 8-912-345-67-89 | тел. [phone]",
        "89123456789 вечером | [phone] вечером",
        "+79123456789 | [phone]",
        "8 (912) 345 67 89 | [phone]",
        "номер 8 800 555-35-35. | номер [phone].",
        "(912) 345-67-89 | [phone]",
        "домашний 345-67-89 | домашний [phone]",
        "call +44 20 7946 0958 please | call [phone] please",
        "mail ivan.petrov@mail.ru or IVAN_P+cars@yandex.ru | mail [e-mail] or [e-mail]",
        "почта иван@почта.рф | почта [e-mail]",
      })
  void masksPhoneNumbersAndEmailAddresses(String text, String masked) {
    assertThat(CommentMasking.mask(text)).isEqualTo(masked);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Ждал 40 минут, test drive 2026-11-23 at 10:15",
        "Цена 1 500 000 руб., пробег 12345 км",
        "Order 12.11.2026, car VIN XTA21099 fine",
        "Рейтинг 5/5, 10 из 10",
      })
  void leavesDatesPricesAndShortNumbersAlone(String text) {
    assertThat(CommentMasking.mask(text)).isEqualTo(text);
  }

  @Test
  void aHighlightInsideANumberIsDroppedAndMarksStayBalanced() {
    char open = '\uE000';
    char close = '\uE001';
    String marked = "Звонил " + open + "8-912" + close + "-345-67-89, " + open + "ждал" + close;
    assertThat(CommentMasking.maskMarked(marked, open, close))
        .isEqualTo("Звонил [phone], " + open + "ждал" + close);
    String around = open + "call me +79123456789 now" + close;
    assertThat(CommentMasking.maskMarked(around, open, close))
        .isEqualTo(open + "call me " + close + "[phone]" + open + " now" + close);
    assertThat(CommentMasking.maskMarked(open + "ok" + close, open, close))
        .isEqualTo(open + "ok" + close);
  }
}
