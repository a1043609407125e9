package io.pulse.ui.dealer;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import io.pulse.api.Celebration;
import io.pulse.api.CommentMasking;
import io.pulse.ui.base.Formats;
import io.pulse.ui.base.Labels;
import java.util.List;
import java.util.function.Consumer;

/**
 * Promoters who wrote something in the last 30 days: the other side of the alerts, to thank. A
 * thank-you is marked with who gave it; the comment is text, masked for all but admins.
 */
class CelebrationsPanel extends Div {

  private final Div list = new Div();
  private final Consumer<String> onThank;
  private boolean handling;
  private boolean personalData;

  CelebrationsPanel(Consumer<String> onThank) {
    this.onThank = onThank;
    addClassNames("pulse-card", "pulse-celebrations");
    setId("celebrations");
    add(new H2(getTranslation("celebrations.title")), list);
  }

  void setHandling(boolean handling) {
    this.handling = handling;
  }

  void showPersonalData(boolean show) {
    personalData = show;
  }

  void show(List<Celebration> celebrations, Formats formats) {
    list.removeAll();
    if (celebrations.isEmpty()) {
      list.add(new Paragraph(getTranslation("celebrations.none")));
      return;
    }
    for (Celebration c : celebrations) {
      Div row = new Div();
      row.setId("celebration-" + c.eventId());
      row.addClassName("pulse-celebration");
      Span when =
          new Span(
              formats.dateTime(c.occurredAt())
                  + " · "
                  + Labels.of(this, "stage", c.stage().name())
                  + " · "
                  + c.recommend()
                  + "/10");
      when.addClassName("pulse-muted");
      Paragraph comment = new Paragraph();
      comment.setText(personalData ? c.comment() : CommentMasking.mask(c.comment()));
      comment.addClassName("pulse-celebration-comment");
      row.add(when, comment);
      if (c.thankedBy() != null) {
        Span done = new Span(getTranslation("celebrations.thanked", c.thankedBy()));
        done.addClassNames("pulse-badge", "small", "strength");
        row.add(done);
      } else if (handling) {
        Button thank = new Button(getTranslation("celebrations.thank"), VaadinIcon.HEART.create());
        thank.addClassName("thank");
        thank.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_SUCCESS);
        thank.addClickListener(e -> onThank.accept(c.eventId().toString()));
        row.add(thank);
      }
      list.add(row);
    }
  }
}
