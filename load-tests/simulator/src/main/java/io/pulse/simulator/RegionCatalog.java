package io.pulse.simulator;

import java.util.List;

/**
 * The 85 Russian federal subjects with their main cities, IANA time zone and population in
 * millions, which drives how many dealers each region gets.
 */
final class RegionCatalog {

  /** A region as listed: its first city is the capital. */
  record Entry(String name, String zone, double populationMillions, List<String> cities) {}

  private RegionCatalog() {}

  private static Entry e(String name, String zone, double population, String... cities) {
    return new Entry(name, zone, population, List.of(cities));
  }

  static final List<Entry> REGIONS =
      List.of(
          e("Moscow", "Europe/Moscow", 13.1, "Moscow", "Zelenograd"),
          e("Saint Petersburg", "Europe/Moscow", 5.6, "Saint Petersburg", "Kolpino"),
          e(
              "Moscow Oblast",
              "Europe/Moscow",
              8.5,
              "Krasnogorsk",
              "Balashikha",
              "Podolsk",
              "Khimki",
              "Mytishchi",
              "Lyubertsy"),
          e("Leningrad Oblast", "Europe/Moscow", 2.0, "Gatchina", "Vsevolozhsk", "Vyborg"),
          e("Adygea", "Europe/Moscow", 0.5, "Maykop"),
          e("Altai Republic", "Asia/Barnaul", 0.21, "Gorno-Altaysk"),
          e("Bashkortostan", "Asia/Yekaterinburg", 4.0, "Ufa", "Sterlitamak"),
          e("Buryatia", "Asia/Irkutsk", 0.98, "Ulan-Ude"),
          e("Dagestan", "Europe/Moscow", 3.2, "Makhachkala", "Derbent"),
          e("Ingushetia", "Europe/Moscow", 0.51, "Magas", "Nazran"),
          e("Kabardino-Balkaria", "Europe/Moscow", 0.9, "Nalchik"),
          e("Kalmykia", "Europe/Moscow", 0.27, "Elista"),
          e("Karachay-Cherkessia", "Europe/Moscow", 0.47, "Cherkessk"),
          e("Karelia", "Europe/Moscow", 0.53, "Petrozavodsk"),
          e("Komi", "Europe/Moscow", 0.74, "Syktyvkar", "Ukhta"),
          e("Crimea", "Europe/Simferopol", 1.9, "Simferopol", "Kerch"),
          e("Mari El", "Europe/Moscow", 0.68, "Yoshkar-Ola"),
          e("Mordovia", "Europe/Moscow", 0.78, "Saransk"),
          e("Sakha (Yakutia)", "Asia/Yakutsk", 1.0, "Yakutsk"),
          e("North Ossetia-Alania", "Europe/Moscow", 0.68, "Vladikavkaz"),
          e("Tatarstan", "Europe/Moscow", 4.0, "Kazan", "Naberezhnye Chelny", "Almetyevsk"),
          e("Tuva", "Asia/Krasnoyarsk", 0.34, "Kyzyl"),
          e("Udmurtia", "Europe/Samara", 1.45, "Izhevsk"),
          e("Khakassia", "Asia/Krasnoyarsk", 0.53, "Abakan"),
          e("Chechnya", "Europe/Moscow", 1.5, "Grozny"),
          e("Chuvashia", "Europe/Moscow", 1.18, "Cheboksary"),
          e("Altai Krai", "Asia/Barnaul", 2.1, "Barnaul", "Biysk"),
          e("Zabaykalsky Krai", "Asia/Chita", 1.0, "Chita"),
          e("Kamchatka Krai", "Asia/Kamchatka", 0.29, "Petropavlovsk-Kamchatsky"),
          e("Krasnodar Krai", "Europe/Moscow", 5.8, "Krasnodar", "Sochi", "Novorossiysk"),
          e("Krasnoyarsk Krai", "Asia/Krasnoyarsk", 2.8, "Krasnoyarsk", "Norilsk"),
          e("Perm Krai", "Asia/Yekaterinburg", 2.5, "Perm"),
          e("Primorsky Krai", "Asia/Vladivostok", 1.8, "Vladivostok", "Nakhodka"),
          e("Stavropol Krai", "Europe/Moscow", 2.9, "Stavropol", "Pyatigorsk"),
          e("Khabarovsk Krai", "Asia/Vladivostok", 1.3, "Khabarovsk", "Komsomolsk-on-Amur"),
          e("Amur Oblast", "Asia/Yakutsk", 0.77, "Blagoveshchensk"),
          e("Arkhangelsk Oblast", "Europe/Moscow", 0.97, "Arkhangelsk", "Severodvinsk"),
          e("Astrakhan Oblast", "Europe/Astrakhan", 0.95, "Astrakhan"),
          e("Belgorod Oblast", "Europe/Moscow", 1.5, "Belgorod", "Stary Oskol"),
          e("Bryansk Oblast", "Europe/Moscow", 1.15, "Bryansk"),
          e("Vladimir Oblast", "Europe/Moscow", 1.34, "Vladimir", "Kovrov"),
          e("Volgograd Oblast", "Europe/Volgograd", 2.5, "Volgograd", "Volzhsky"),
          e("Vologda Oblast", "Europe/Moscow", 1.14, "Vologda", "Cherepovets"),
          e("Voronezh Oblast", "Europe/Moscow", 2.3, "Voronezh"),
          e("Ivanovo Oblast", "Europe/Moscow", 0.93, "Ivanovo"),
          e("Irkutsk Oblast", "Asia/Irkutsk", 2.35, "Irkutsk", "Bratsk", "Angarsk"),
          e("Kaliningrad Oblast", "Europe/Kaliningrad", 1.03, "Kaliningrad"),
          e("Kaluga Oblast", "Europe/Moscow", 1.07, "Kaluga", "Obninsk"),
          e("Kemerovo Oblast", "Asia/Novokuznetsk", 2.6, "Kemerovo", "Novokuznetsk"),
          e("Kirov Oblast", "Europe/Kirov", 1.15, "Kirov"),
          e("Kostroma Oblast", "Europe/Moscow", 0.58, "Kostroma"),
          e("Kurgan Oblast", "Asia/Yekaterinburg", 0.78, "Kurgan"),
          e("Kursk Oblast", "Europe/Moscow", 1.08, "Kursk"),
          e("Lipetsk Oblast", "Europe/Moscow", 1.14, "Lipetsk"),
          e("Magadan Oblast", "Asia/Magadan", 0.14, "Magadan"),
          e("Murmansk Oblast", "Europe/Moscow", 0.67, "Murmansk"),
          e("Nizhny Novgorod Oblast", "Europe/Moscow", 3.1, "Nizhny Novgorod", "Dzerzhinsk"),
          e("Novgorod Oblast", "Europe/Moscow", 0.58, "Veliky Novgorod"),
          e("Novosibirsk Oblast", "Asia/Novosibirsk", 2.8, "Novosibirsk", "Berdsk"),
          e("Omsk Oblast", "Asia/Omsk", 1.83, "Omsk"),
          e("Orenburg Oblast", "Asia/Yekaterinburg", 1.86, "Orenburg", "Orsk"),
          e("Oryol Oblast", "Europe/Moscow", 0.71, "Oryol"),
          e("Penza Oblast", "Europe/Moscow", 1.27, "Penza"),
          e("Pskov Oblast", "Europe/Moscow", 0.6, "Pskov", "Velikiye Luki"),
          e("Rostov Oblast", "Europe/Moscow", 4.2, "Rostov-on-Don", "Taganrog", "Shakhty"),
          e("Ryazan Oblast", "Europe/Moscow", 1.1, "Ryazan"),
          e("Samara Oblast", "Europe/Samara", 3.15, "Samara", "Tolyatti", "Syzran"),
          e("Saratov Oblast", "Europe/Saratov", 2.4, "Saratov", "Engels"),
          e("Sakhalin Oblast", "Asia/Sakhalin", 0.46, "Yuzhno-Sakhalinsk"),
          e(
              "Sverdlovsk Oblast",
              "Asia/Yekaterinburg",
              4.3,
              "Yekaterinburg",
              "Nizhny Tagil",
              "Kamensk-Uralsky"),
          e("Smolensk Oblast", "Europe/Moscow", 0.88, "Smolensk"),
          e("Tambov Oblast", "Europe/Moscow", 0.98, "Tambov"),
          e("Tver Oblast", "Europe/Moscow", 1.23, "Tver"),
          e("Tomsk Oblast", "Asia/Tomsk", 1.06, "Tomsk"),
          e("Tula Oblast", "Europe/Moscow", 1.55, "Tula", "Novomoskovsk"),
          e("Tyumen Oblast", "Asia/Yekaterinburg", 1.6, "Tyumen", "Tobolsk"),
          e("Ulyanovsk Oblast", "Europe/Ulyanovsk", 1.2, "Ulyanovsk", "Dimitrovgrad"),
          e("Chelyabinsk Oblast", "Asia/Yekaterinburg", 3.4, "Chelyabinsk", "Magnitogorsk"),
          e("Yaroslavl Oblast", "Europe/Moscow", 1.2, "Yaroslavl", "Rybinsk"),
          e("Sevastopol", "Europe/Simferopol", 0.55, "Sevastopol"),
          e("Jewish Autonomous Oblast", "Asia/Vladivostok", 0.15, "Birobidzhan"),
          e("Nenets Autonomous Okrug", "Europe/Moscow", 0.04, "Naryan-Mar"),
          e(
              "Khanty-Mansi Autonomous Okrug",
              "Asia/Yekaterinburg",
              1.7,
              "Surgut",
              "Khanty-Mansiysk"),
          e("Chukotka Autonomous Okrug", "Asia/Anadyr", 0.05, "Anadyr"),
          e(
              "Yamalo-Nenets Autonomous Okrug",
              "Asia/Yekaterinburg",
              0.51,
              "Novy Urengoy",
              "Salekhard"));
}
