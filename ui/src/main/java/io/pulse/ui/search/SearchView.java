package io.pulse.ui.search;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.dom.Element;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadEvent;
import io.pulse.api.CommentHit;
import io.pulse.api.CommentPage;
import io.pulse.api.Dealer;
import io.pulse.api.JourneyStage;
import io.pulse.api.Parameter;
import io.pulse.ui.backend.BackendClient;
import io.pulse.ui.backend.BackendCredential;
import io.pulse.ui.base.CurrentUser;
import io.pulse.ui.base.Formats;
import io.pulse.ui.base.Labels;
import io.pulse.ui.base.MainLayout;
import jakarta.annotation.security.PermitAll;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.buffer.DataBufferUtils;
import reactor.core.Disposable;

/**
 * What customers wrote, found by words and filters. The backend decides what the person may see
 * (their dealers, their brand) and masks personal data; this view only asks, as the person, and
 * shows. The filters live in the address ({@code /search?parameter=SPEED&maxScore=2}), so the
 * cabinet can open a search pre-filtered and a search can be bookmarked.
 */
@Route(value = "search", layout = MainLayout.class)
@PageTitle("Pulse · search")
@PermitAll
public class SearchView extends Div implements BeforeEnterObserver {

  static final int PAGE_SIZE = 20;

  private final BackendClient backend;
  private final CurrentUser user;
  private Formats formats;
  private final TextField words = new TextField();
  private final ComboBox<Dealer> dealer = new ComboBox<>();
  private final Select<String> stage = new Select<>();
  private final Select<String> parameter = new Select<>();
  private final IntegerField minScore = new IntegerField();
  private final IntegerField maxScore = new IntegerField();
  private final Select<String> nps = new Select<>();
  private final DatePicker from = new DatePicker();
  private final DatePicker to = new DatePicker();
  private final Select<String> sort = new Select<>();
  private final Paragraph summary = new Paragraph();
  private final Div results = new Div();
  private final Button more = new Button();
  private final Anchor csv;
  private final Anchor xlsx;
  private @Nullable BackendCredential me;
  private Map<String, String> filters = Map.of();
  private @Nullable String pendingDealer;
  private int page;
  private Disposable loading = () -> {};

  public SearchView(BackendClient backend, CurrentUser user) {
    this.backend = backend;
    this.user = user;
    this.formats = new Formats(getLocale(), ZoneOffset.UTC);
    addClassName("pulse-search");
    words.setId("search-words");
    words.setLabel(getTranslation("search.words"));
    words.setMaxLength(200);
    words.setClearButtonVisible(true);
    words.addKeyPressListener(Key.ENTER, e -> search());
    dealer.setId("search-dealer");
    dealer.setLabel(getTranslation("search.dealer"));
    dealer.setClearButtonVisible(true);
    dealer.setItemLabelGenerator(d -> d.name() + " · " + d.id());
    stage.setId("search-stage");
    stage.setLabel(getTranslation("search.stage"));
    stage.setEmptySelectionAllowed(true);
    stage.setItems(Arrays.stream(JourneyStage.values()).map(Enum::name).toList());
    stage.setItemLabelGenerator(s -> s == null ? "" : getTranslation("stage." + s));
    parameter.setId("search-parameter");
    parameter.setLabel(getTranslation("search.parameter"));
    parameter.setEmptySelectionAllowed(true);
    parameter.setItems(Arrays.stream(Parameter.values()).map(Enum::name).toList());
    parameter.setItemLabelGenerator(p -> p == null ? "" : getTranslation("parameter." + p));
    minScore.setId("search-min");
    minScore.setLabel(getTranslation("search.min-score"));
    minScore.setMin(0);
    minScore.setMax(10);
    maxScore.setId("search-max");
    maxScore.setLabel(getTranslation("search.max-score"));
    maxScore.setMin(0);
    maxScore.setMax(10);
    nps.setId("search-nps");
    nps.setLabel(getTranslation("search.nps"));
    nps.setEmptySelectionAllowed(true);
    nps.setItems("promoter", "passive", "detractor");
    nps.setItemLabelGenerator(n -> n == null ? "" : getTranslation("search.nps." + n));
    from.setId("search-from");
    from.setLabel(getTranslation("search.from"));
    to.setId("search-to");
    to.setLabel(getTranslation("search.to"));
    sort.setId("search-sort");
    sort.setLabel(getTranslation("search.sort"));
    sort.setItems("newest", "relevance");
    sort.setItemLabelGenerator(s -> getTranslation("search.sort." + s));
    sort.setValue("newest");
    Button go = new Button(getTranslation("search.go"), e -> search());
    go.setId("search-go");
    go.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    more.setId("search-more");
    more.setText(getTranslation("search.more"));
    more.setVisible(false);
    more.addClickListener(e -> load(page + 1));
    csv = new Anchor((DownloadEvent e) -> download(e, "csv"), getTranslation("search.csv"));
    csv.setId("search-csv");
    xlsx = new Anchor((DownloadEvent e) -> download(e, "xlsx"), getTranslation("search.xlsx"));
    xlsx.setId("search-xlsx");
    Div form =
        new Div(words, dealer, stage, parameter, minScore, maxScore, nps, from, to, sort, go);
    form.addClassName("pulse-search-form");
    Div files = new Div(new Span(getTranslation("search.export")), csv, xlsx);
    files.addClassName("pulse-search-files");
    summary.setId("search-summary");
    results.setId("search-results");
    results.addClassName("pulse-search-results");
    add(new H1(getTranslation("search.title")), form, files, summary, results, more);
  }

  @Override
  public void beforeEnter(BeforeEnterEvent event) {
    Map<String, List<String>> asked = event.getLocation().getQueryParameters().getParameters();
    words.setValue(first(asked, "q", ""));
    stage.setValue(choice(stage, first(asked, "stage", null)));
    parameter.setValue(choice(parameter, first(asked, "parameter", null)));
    nps.setValue(choice(nps, first(asked, "nps", null)));
    minScore.setValue(number(first(asked, "minScore", null)));
    maxScore.setValue(number(first(asked, "maxScore", null)));
    pendingDealer = first(asked, "dealerId", null);
  }

  @Override
  protected void onAttach(AttachEvent event) {
    UI ui = event.getUI();
    formats = new Formats(getLocale(), ZoneOffset.UTC);
    me = user.credential();
    backend
        .dealers(me, null, null)
        .subscribe(
            all ->
                ui.access(() -> {
                  dealer.setItems(all);
                  all.stream()
                      .filter(d -> d.id().equals(pendingDealer))
                      .findFirst()
                      .ifPresent(dealer::setValue);
                  if (!asked().isEmpty()) {
                    search();
                  }
                }),
            e -> ui.access(() -> summary.setText(getTranslation("search.unavailable"))));
  }

  @Override
  protected void onDetach(DetachEvent event) {
    loading.dispose();
  }

  /** The filters as the form holds them, by the API's parameter names. */
  Map<String, String> asked() {
    Map<String, String> f = new LinkedHashMap<>();
    put(f, "q", words.getValue());
    put(f, "dealerId", dealer.getValue() == null ? null : dealer.getValue().id());
    put(f, "stage", stage.getValue());
    put(f, "parameter", parameter.getValue());
    put(f, "minScore", minScore.getValue() == null ? null : minScore.getValue().toString());
    put(f, "maxScore", maxScore.getValue() == null ? null : maxScore.getValue().toString());
    put(f, "nps", nps.getValue());
    put(f, "from", from.getValue() == null ? null : from.getValue().toString());
    put(f, "to", to.getValue() == null ? null : to.getValue().plusDays(1).toString());
    return f;
  }

  private void search() {
    filters = asked();
    // The address says what was searched: reload and bookmarks bring the same search back.
    getUI()
        .ifPresent(ui ->
            ui.getPage()
                .getHistory()
                .replaceState(null, "search?" + QueryParameters.simple(filters).getQueryString()));
    results.removeAll();
    load(0);
  }

  private void load(int wanted) {
    BackendCredential as = me;
    UI ui = UI.getCurrent();
    if (ui == null) {
      return;
    }
    loading.dispose();
    loading =
        backend
            .searchComments(as, filters, sort.getValue(), wanted, PAGE_SIZE)
            .subscribe(
                p -> ui.access(() -> show(p)),
                e -> ui.access(() -> summary.setText(getTranslation("search.failed"))));
  }

  private void show(CommentPage p) {
    page = p.page();
    p.items().forEach(hit -> results.add(card(hit)));
    int shown = results.getComponentCount();
    summary.setText(
        shown == 0
            ? getTranslation("search.none")
            : getTranslation("search.shown", shown, p.hasMore() ? "+" : ""));
    more.setVisible(p.hasMore());
  }

  private Div card(CommentHit hit) {
    Div card = new Div();
    card.addClassName("pulse-search-hit");
    card.getElement().setAttribute("data-event", hit.eventId().toString());
    Paragraph where =
        new Paragraph(
            hit.dealerId()
                + " · "
                + getTranslation("stage." + hit.stage().name())
                + " · "
                + formats.dateTime(hit.occurredAt()));
    where.addClassName("pulse-search-where");
    Div scores = new Div();
    scores.addClassName("pulse-search-scores");
    hit.scores()
        .forEach(
            (p, v) -> scores.add(new Span(getTranslation("parameter." + p.name()) + ": " + v)));
    Paragraph comment = new Paragraph();
    comment.addClassName("pulse-comment");
    String highlight = hit.highlight();
    if (highlight == null) {
      comment.setText(hit.comment());
    } else {
      for (Highlight.Piece piece : Highlight.pieces(highlight)) {
        // Text nodes only: a comment is never markup.
        comment
            .getElement()
            .appendChild(
                piece.marked()
                    ? new Element("mark").setText(piece.text())
                    : Element.createText(piece.text()));
      }
    }
    card.add(where, scores, comment);
    if (!hit.alerts().isEmpty()) {
      Span alert =
          new Span(
              String.join(
                  " · ", hit.alerts().stream().map(r -> Labels.alertReason(this, r)).toList()));
      alert.addClassName("pulse-search-alerts");
      card.add(alert);
    }
    return card;
  }

  /**
   * Streams the backend's file to the browser as the person (a servlet thread, which may block):
   * what the person may see, masked like the search, never held whole in memory here.
   */
  private void download(DownloadEvent event, String format) {
    BackendCredential as = me;
    if (as == null) {
      throw new IllegalStateException("not signed in");
    }
    event.setFileName("feedback-search-" + LocalDate.now() + "." + format);
    event.setContentType(
        format.equals("xlsx")
            ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            : "text/csv;charset=UTF-8");
    try (OutputStream out = event.getOutputStream()) {
      DataBufferUtils.write(backend.exportComments(as, asked(), format), out)
          .map(DataBufferUtils::release)
          .blockLast();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void put(Map<String, String> f, String name, @Nullable String value) {
    if (value != null && !value.isBlank()) {
      f.put(name, value.strip());
    }
  }

  private static @Nullable String first(
      Map<String, List<String>> params, String name, @Nullable String otherwise) {
    List<String> values = params.get(name);
    return values == null || values.isEmpty() ? otherwise : values.getFirst();
  }

  private static @Nullable String choice(Select<String> select, @Nullable String value) {
    return value != null && select.getListDataView().getItems().anyMatch(value::equals)
        ? value
        : null;
  }

  private static @Nullable Integer number(@Nullable String value) {
    if (value == null || !value.matches("\\d{1,2}")) {
      return null;
    }
    int n = Integer.parseInt(value);
    return n <= 10 ? n : null;
  }
}
