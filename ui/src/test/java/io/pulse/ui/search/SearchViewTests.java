package io.pulse.ui.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.vaadin.browserless.SpringBrowserlessTest;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.QueryParameters;
import io.pulse.api.CommentHit;
import io.pulse.api.CommentPage;
import io.pulse.api.Dealer;
import io.pulse.api.JourneyStage;
import io.pulse.api.Parameter;
import io.pulse.ui.backend.BackendClient;
import io.pulse.ui.backend.LiveHub;
import io.pulse.ui.base.CurrentUser;
import io.pulse.ui.support.UiAccess;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import reactor.core.publisher.Mono;

/** The search view with the backend replaced: what it asks for, and how it shows what comes. */
// The same context as the other view tests (one cached context for all of them).
@SpringBootTest(properties = "pulse.ui.view.push-interval=0s")
@WithMockUser
class SearchViewTests extends SpringBrowserlessTest {

  @MockitoBean LiveHub hub;
  @MockitoBean BackendClient backend;
  @MockitoBean CurrentUser user;

  final UUID hit = UUID.randomUUID();

  @BeforeEach
  void backend() {
    when(backend.dealers(any(), any(), any()))
        .thenReturn(
            Mono.just(List.of(new Dealer("D1", "Volta Center", "VOLTA", "R16", null, "UTC"))));
    when(backend.searchComments(any(), any(), anyString(), anyInt(), anyInt()))
        .thenReturn(
            Mono.just(
                new CommentPage(
                    List.of(
                        new CommentHit(
                            hit,
                            "D1",
                            "VOLTA",
                            "R16",
                            JourneyStage.SERVICE_VISIT,
                            Instant.parse("2026-11-23T10:00:00Z"),
                            Instant.parse("2026-11-23T10:00:01Z"),
                            Map.of(Parameter.SPEED, 1),
                            null,
                            "Долго <script>alert(1)</script> ждали",
                            "Долго &lt;script&gt;alert(1)&lt;/script&gt; <mark>ждали</mark>",
                            List.of("LOW_SCORE:SPEED"))),
                    0,
                    20,
                    false)));
  }

  @Test
  void theAddressPreFiltersTheSearchAndTheMatchesAreMarkedAsText() {
    UI.getCurrent()
        .navigate(
            "search",
            QueryParameters.simple(
                Map.of("parameter", "SPEED", "maxScore", "2", "dealerId", "D1", "stage", "LUNCH")));
    assertThat(getCurrentView()).isInstanceOf(SearchView.class);
    UiAccess.until(() -> $(Paragraph.class).withClassName("pulse-comment").exists());
    // An unknown stage from the address is dropped, the rest asked for as given.
    verify(backend)
        .searchComments(
            any(),
            eq(Map.of("dealerId", "D1", "parameter", "SPEED", "maxScore", "2")),
            eq("newest"),
            eq(0),
            eq(SearchView.PAGE_SIZE));
    Paragraph comment = $(Paragraph.class).withClassName("pulse-comment").first();
    assertThat(comment.getElement().getTextRecursively())
        .isEqualTo("Долго <script>alert(1)</script> ждали");
    assertThat(
            comment
                .getElement()
                .getChildren()
                .filter(e -> !e.isTextNode() && e.getTag().equals("mark")))
        .singleElement()
        .satisfies(mark -> assertThat(mark.getText()).isEqualTo("ждали"));
    // The one element is the mark: the script tag is text.
    assertThat(comment.getElement().getChildren().filter(e -> !e.isTextNode())).hasSize(1);
    assertThat($(Paragraph.class).id("search-summary").getText()).isEqualTo("1 comments");
  }
}
