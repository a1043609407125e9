package io.pulse.index;

import io.pulse.api.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Why an answer needs a dealer manager's attention today: the reasons an alert carries. */
public final class AlertReasons {

  private AlertReasons() {}

  /**
   * docs/domain.md, "Closing the loop": a detractor (RECOMMEND ≤ 6) or any answer ≤ 2 on a 1–5
   * parameter is an alert.
   */
  public static List<String> of(Map<Parameter, Integer> scores) {
    List<String> alerts = new ArrayList<>();
    Integer recommend = scores.get(Parameter.RECOMMEND);
    if (recommend != null && Parameter.RECOMMEND.isLow(recommend)) {
      alerts.add("DETRACTOR");
    }
    for (Parameter p : Parameter.values()) {
      Integer v = scores.get(p);
      if (p != Parameter.RECOMMEND && v != null && p.isLow(v)) {
        alerts.add("LOW_SCORE:" + p.name());
      }
    }
    return alerts;
  }
}
