package io.pulse.ui.base;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.pulse.api.Brand;
import io.pulse.api.Dealer;
import io.pulse.ui.backend.BackendClient;
import jakarta.annotation.security.PermitAll;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.Disposables;

/**
 * Where people start: executives and admins pick a brand's dashboard or a dealer's cabinet; a
 * dealer manager gets the cabinets of their own dealers.
 */
@Route(value = "", layout = MainLayout.class)
@PageTitle("Pulse")
@PermitAll
public class HomeView extends Div {

  private final BackendClient backend;
  private final CurrentUser user;
  private final ComboBox<Brand> brand = new ComboBox<>();
  private final ComboBox<Dealer> dealer = new ComboBox<>();
  private final Paragraph problem = new Paragraph();
  private final Section ownDealers = new Section();
  private Disposable.Composite loading = Disposables.composite();

  public HomeView(BackendClient backend, CurrentUser user) {
    this.backend = backend;
    this.user = user;
    addClassName("pulse-home");
    H1 title = new H1(getTranslation("home.title"));
    Paragraph intro = new Paragraph(getTranslation("home.intro"));

    brand.setId("brand-picker");
    brand.setLabel(getTranslation("home.brand"));
    brand.setItemLabelGenerator(b -> b.name() + " (" + b.id() + ")");
    brand.setWidth("22rem");
    dealer.setId("dealer-picker");
    dealer.setLabel(getTranslation("home.dealer"));
    dealer.setItemLabelGenerator(
        d -> d.name() + " · " + d.id() + (d.city() == null ? "" : " · " + d.city()));
    dealer.setWidth("28rem");
    dealer.setEnabled(false);

    Button executive = new Button(getTranslation("home.open-executive"));
    executive.setId("open-executive");
    executive.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
    executive.addClickListener(e -> {
      if (brand.getValue() != null) {
        UI.getCurrent().navigate("brands/" + brand.getValue().id());
      }
    });
    Button cabinet = new Button(getTranslation("home.open-cabinet"));
    cabinet.setId("open-cabinet");
    cabinet.addClickListener(e -> {
      if (dealer.getValue() != null) {
        UI.getCurrent().navigate("dealers/" + dealer.getValue().id());
      }
    });
    brand.addValueChangeListener(e -> loadDealers(e.getValue()));

    Section pick = new Section();
    pick.addClassName("pulse-card");
    HorizontalLayout brandRow = new HorizontalLayout(brand, executive);
    brandRow.setAlignItems(FlexComponent.Alignment.BASELINE);
    HorizontalLayout dealerRow = new HorizontalLayout(dealer, cabinet);
    dealerRow.setAlignItems(FlexComponent.Alignment.BASELINE);
    pick.add(new H2(getTranslation("home.pick")), brandRow, dealerRow);
    problem.addClassName("pulse-problem");
    problem.setVisible(false);
    if (user.mayOpenAnyBrand()) {
      add(title, intro, problem, pick);
    } else {
      add(title, new Paragraph(getTranslation("home.intro-manager")), problem, ownDealers);
      ownDealers.addClassName("pulse-card");
      ownDealers.setId("own-dealers");
    }
  }

  @Override
  protected void onAttach(AttachEvent event) {
    UI ui = event.getUI();
    loading = Disposables.composite();
    if (!user.mayOpenAnyBrand()) {
      showOwnDealers(ui);
      return;
    }
    loading.add(
        backend
            .brands(user.credential())
            .subscribe(
                brands ->
                    ui.access(() -> {
                      problem.setVisible(false);
                      brand.setItems(
                          brands.stream()
                              .filter(b -> user.mayOpenBrand(b.id()))
                              .sorted(Comparator.comparing(Brand::name))
                              .toList());
                    }),
                error ->
                    ui.access(() -> {
                      problem.setText(getTranslation("backend.unreachable"));
                      problem.setVisible(true);
                    })));
  }

  @Override
  protected void onDetach(DetachEvent event) {
    loading.dispose();
  }

  private void loadDealers(@Nullable Brand selected) {
    dealer.clear();
    dealer.setEnabled(false);
    if (selected == null) {
      return;
    }
    UI ui = UI.getCurrent();
    backend
        .dealers(user.credential(), selected.id(), null)
        .subscribe(
            dealers -> ui.access(() -> showDealers(dealers)),
            error ->
                ui.access(() -> {
                  problem.setText(getTranslation("backend.unreachable"));
                  problem.setVisible(true);
                }));
  }

  /** A dealer manager's cabinets, named as the backend names them, in id order. */
  private void showOwnDealers(UI ui) {
    ownDealers.removeAll();
    ownDealers.add(new H2(getTranslation("home.own-dealers")));
    if (user.ownDealers().isEmpty()) {
      ownDealers.add(new Paragraph(getTranslation("home.no-dealers")));
      return;
    }
    for (String id : user.ownDealers()) {
      Anchor link = new Anchor("dealers/" + id, id);
      link.addClassName("own-dealer");
      link.getElement().setAttribute("router-link", true);
      ownDealers.add(new Div(link));
      if (BackendClient.isValidId(id)) {
        loading.add(
            backend
                .dealer(user.credential(), id)
                .subscribe(
                    d ->
                        ui.access(() ->
                            link.setText(
                                d.name()
                                    + " · "
                                    + d.id()
                                    + (d.city() == null ? "" : " · " + d.city()))),
                    error -> {}));
      }
    }
  }

  private void showDealers(List<Dealer> dealers) {
    dealer.setItems(
        dealers.stream()
            .filter(d -> user.mayOpenDealer(d.id(), d.brandId()))
            .sorted(Comparator.comparing(Dealer::id))
            .toList());
    dealer.setEnabled(true);
  }
}
