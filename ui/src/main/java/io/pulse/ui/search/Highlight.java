package io.pulse.ui.search;

import java.util.ArrayList;
import java.util.List;

/**
 * The search's highlight (the comment HTML-escaped with {@code <mark>} around each match) as plain
 * text pieces, marked or not. The view puts each piece in as text, never as markup, so even a
 * highlight that broke the backend's promise could not inject anything.
 */
final class Highlight {

  /** One piece of the comment. */
  record Piece(String text, boolean marked) {}

  private static final String OPEN = "<mark>";
  private static final String CLOSE = "</mark>";

  private Highlight() {}

  static List<Piece> pieces(String highlight) {
    List<Piece> pieces = new ArrayList<>();
    int at = 0;
    while (at < highlight.length()) {
      int open = highlight.indexOf(OPEN, at);
      if (open < 0) {
        add(pieces, highlight.substring(at), false);
        break;
      }
      add(pieces, highlight.substring(at, open), false);
      int close = highlight.indexOf(CLOSE, open + OPEN.length());
      if (close < 0) {
        add(pieces, highlight.substring(open + OPEN.length()), true);
        break;
      }
      add(pieces, highlight.substring(open + OPEN.length(), close), true);
      at = close + CLOSE.length();
    }
    return pieces;
  }

  private static void add(List<Piece> pieces, String escaped, boolean marked) {
    if (!escaped.isEmpty()) {
      pieces.add(new Piece(unescape(escaped), marked));
    }
  }

  /** The five entities the backend's escaping writes, back to characters. */
  static String unescape(String s) {
    return s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&amp;", "&");
  }
}
