package io.pulse.ui.executive;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import io.pulse.api.Analytics.BrandFixFirst;
import io.pulse.api.Analytics.BrandFixRow;
import io.pulse.ui.base.Formats;
import io.pulse.ui.base.GainModelNote;

/**
 * What the brand gains most from: per parameter, raising it in the dealers below their region, one
 * sentence each (from the backend, in the reader's language, set as text), largest gain first.
 */
class BrandFixFirstPanel extends Div {

  private final Div rows = new Div();
  private final Paragraph model = new Paragraph();

  BrandFixFirstPanel() {
    addClassNames("pulse-card", "pulse-fix-first");
    setId("brand-fix-first");
    rows.setId("brand-fix-first-rows");
    model.addClassName("pulse-muted");
    model.setId("brand-fix-first-model");
    add(new H2(getTranslation("fix-first.brand-title")), rows, model);
  }

  void show(BrandFixFirst f, Formats formats) {
    rows.removeAll();
    if (f.parameters().isEmpty()) {
      Paragraph none = new Paragraph(getTranslation("fix-first.none"));
      none.addClassName("pulse-muted");
      rows.add(none);
    }
    for (BrandFixRow r : f.parameters()) {
      Div row = new Div(new Span(r.sentence()));
      row.addClassName("pulse-fix-item");
      row.setId("brand-fix-" + r.parameter());
      rows.add(row);
    }
    model.setText(GainModelNote.of(this, f.model(), formats));
  }
}
