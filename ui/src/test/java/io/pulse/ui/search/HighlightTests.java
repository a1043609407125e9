package io.pulse.ui.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HighlightTests {

  @Test
  void marksBecomePiecesAndEntitiesCharacters() {
    assertThat(Highlight.pieces("Долго &lt;b&gt;<mark>ждали</mark> &amp; <mark>ждал</mark>."))
        .containsExactly(
            new Highlight.Piece("Долго <b>", false),
            new Highlight.Piece("ждали", true),
            new Highlight.Piece(" & ", false),
            new Highlight.Piece("ждал", true),
            new Highlight.Piece(".", false));
  }

  @Test
  void aMarkThatNeverClosesStillEndsAsText() {
    assertThat(Highlight.pieces("a <mark>b"))
        .containsExactly(new Highlight.Piece("a ", false), new Highlight.Piece("b", true));
    assertThat(Highlight.pieces("")).isEmpty();
    // An entity that spells a tag stays the characters, never a tag.
    assertThat(Highlight.pieces("&lt;script&gt;"))
        .containsExactly(new Highlight.Piece("<script>", false));
  }
}
