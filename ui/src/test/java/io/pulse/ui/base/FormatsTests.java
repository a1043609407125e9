package io.pulse.ui.base;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class FormatsTests {

  final Formats en = new Formats(Languages.ENGLISH, ZoneId.of("Europe/Moscow"));
  final Formats ru = new Formats(Languages.RUSSIAN, ZoneId.of("Europe/Moscow"));

  @Test
  void numbersFollowTheLocale() {
    assertThat(en.score(78.42)).isEqualTo("78.4");
    assertThat(ru.score(78.42)).isEqualTo("78,4");
    assertThat(en.count(12345)).isEqualTo("12,345");
    assertThat(ru.count(12345).replace('\u00a0', ' ').replace('\u202f', ' ')).isEqualTo("12 345");
    assertThat(en.signed(-17.04)).isEqualTo("−17.0");
    assertThat(ru.signed(3.26)).isEqualTo("+3,3");
    assertThat(en.score(null)).isEqualTo(Formats.NONE);
  }

  @Test
  void timesAreInTheGivenZone() {
    Instant t = Instant.parse("2026-11-23T10:00:05Z");
    assertThat(en.time(t)).isEqualTo("13:00:05");
    assertThat(ru.time(t)).isEqualTo("13:00:05");
  }

  @Test
  void onlyRussianAndEnglishAreSpoken() {
    assertThat(Languages.closest(Locale.of("ru", "KZ"))).isEqualTo(Languages.RUSSIAN);
    assertThat(Languages.closest(Locale.GERMANY)).isEqualTo(Languages.ENGLISH);
    assertThat(Languages.closest(null)).isEqualTo(Languages.ENGLISH);
    assertThat(Languages.code(Languages.RUSSIAN)).isEqualTo("ru");
  }
}
