package io.pulse.ui.dealer;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import io.pulse.api.Analytics.DealerFixFirst;
import io.pulse.api.Analytics.FixFirstItem;
import io.pulse.api.Analytics.StandingRanks;
import io.pulse.ui.base.Formats;
import io.pulse.ui.base.GainModelNote;

/**
 * The cabinet's first panel: what to fix first, one sentence per parameter below the benchmark with
 * the expected gain (from the backend, in the reader's language), the dealer's rank by shrunk CSI
 * in its region and brand, and the model the gains come from. Sentences are set as text, never as
 * markup.
 */
class FixFirstPanel extends Div {

  private final Paragraph standing = new Paragraph();
  private final Div items = new Div();
  private final Paragraph model = new Paragraph();

  FixFirstPanel() {
    addClassNames("pulse-card", "pulse-fix-first");
    setId("fix-first");
    standing.setId("fix-first-standing");
    items.setId("fix-first-items");
    model.setId("fix-first-model");
    model.addClassName("pulse-muted");
    add(new H2(getTranslation("fix-first.title")), standing, items, model);
  }

  void show(DealerFixFirst f, Formats formats) {
    standing.setText(standing(f.standing(), formats));
    items.removeAll();
    if (f.items().isEmpty()) {
      Paragraph none = new Paragraph(getTranslation("fix-first.none"));
      none.addClassName("pulse-muted");
      items.add(none);
    }
    for (FixFirstItem i : f.items()) {
      Div row = new Div();
      row.addClassName("pulse-fix-item");
      row.setId("fix-" + i.parameter());
      Span sentence = new Span(i.sentence());
      sentence.addClassName("pulse-fix-sentence");
      row.add(sentence);
      if (i.weakPoint()) {
        Span badge = new Span(getTranslation("fix-first.weak-point"));
        badge.addClassNames("pulse-badge", "error", "small");
        row.add(new Span(" "), badge);
      }
      items.add(row);
    }
    model.setText(GainModelNote.of(this, f.model(), formats));
  }

  private String standing(StandingRanks s, Formats formats) {
    if (s.rankInRegion() == null) {
      return getTranslation("fix-first.unranked");
    }
    return getTranslation(
        "fix-first.standing",
        formats.count(s.rankInRegion()),
        formats.count(s.dealersInRegion()),
        s.rankInBrand() == null ? "\u2014" : formats.count(s.rankInBrand()),
        formats.count(s.dealersInBrand()),
        formats.score(s.shrunkCsi()));
  }
}
