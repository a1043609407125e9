package io.pulse.api;

/** What a dealer is compared with. */
public enum BenchmarkKind {
  REGION("in the region", "в регионе"),
  BRAND("in the brand", "по бренду"),
  NETWORK("in the network", "по сети");

  private final String en;
  private final String ru;

  BenchmarkKind(String en, String ru) {
    this.en = en;
    this.ru = ru;
  }

  public String phrase(String language) {
    return "ru".equals(language) ? ru : en;
  }
}
