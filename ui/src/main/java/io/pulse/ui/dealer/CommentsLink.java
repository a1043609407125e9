package io.pulse.ui.dealer;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.router.QueryParameters;
import io.pulse.api.Parameter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A link from a figure of the cabinet to the comments behind it: the search page, pre-filtered to
 * the dealer and the stage, or to the parameter's low answers (≤ 3 of 5, a detractor's ≤ 6 of 10),
 * where the reasons for a weak point are.
 */
final class CommentsLink {

  private CommentsLink() {}

  static Anchor toStage(String dealerId, String stage, String text) {
    return link(Map.of("dealerId", dealerId, "stage", stage), text);
  }

  static Anchor toLowAnswers(String dealerId, String parameter, String text) {
    int low = Parameter.parse(parameter).map(p -> p.max() == 10 ? 6 : 3).orElse(3);
    Map<String, String> q = new LinkedHashMap<>();
    q.put("dealerId", dealerId);
    q.put("parameter", parameter);
    q.put("maxScore", Integer.toString(low));
    return link(q, text);
  }

  private static Anchor link(Map<String, String> query, String text) {
    Anchor a = new Anchor("search?" + QueryParameters.simple(query).getQueryString(), text);
    // Navigated inside the application, not as a new page load.
    a.getElement().setAttribute("router-link", true);
    a.addClassName("pulse-comments-link");
    return a;
  }
}
