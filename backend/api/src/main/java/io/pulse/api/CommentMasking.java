package io.pulse.api;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides the personal data customers write into comments — telephone numbers and e-mail addresses —
 * from everyone but administrators (docs/security.md, "Personal data in comments"). Pure text in,
 * text out; it errs towards masking: a long order number written like a phone number is masked too.
 * Here, beside the messages, so that the backend and the UI mask exactly alike.
 */
public final class CommentMasking {

  /** What a telephone number becomes. */
  public static final String PHONE = "[phone]";

  /** What an e-mail address becomes. */
  public static final String EMAIL = "[e-mail]";

  private static final Pattern EMAIL_ADDRESS =
      Pattern.compile("[\\p{L}\\p{N}._%+-]+@[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)*\\.\\p{L}{2,}");

  // A digit, then up to 14 more, each after at most three separators: +7 (912) 345-67-89,
  // 8-912-345-67-89, 89123456789, +44 20 7946 0958. Not glued to a word or a longer number.
  private static final Pattern DIGIT_RUN =
      Pattern.compile(
          "(?<![\\p{L}\\p{N}+])\\+?\\(?\\d(?:[ \\t().-]{0,3}\\d){6,14}(?![\\p{L}\\p{N}])");

  // A Russian local number without the area code: 345-67-89.
  private static final Pattern LOCAL_NUMBER =
      Pattern.compile("(?<![\\p{N}-])\\d{3}-\\d{2}-\\d{2}(?![\\p{N}-])");

  private CommentMasking() {}

  /** {@code text} with every telephone number and e-mail address replaced. */
  public static String mask(String text) {
    return maskMarked(text, '\0', '\0');
  }

  /**
   * Like {@link #mask}, for text whose matches a search has wrapped in {@code open}…{@code close}
   * (characters that do not occur in the text otherwise): numbers and addresses are found in the
   * text without the markers, and a marker inside one is dropped, so neither a match nor a mark
   * cuts a number in two and a highlighted digit cannot stay visible. Marks stay balanced.
   */
  public static String maskMarked(String marked, char open, char close) {
    boolean hasMarkers = open != '\0';
    StringBuilder plain = new StringBuilder(marked.length());
    for (int i = 0; i < marked.length(); i++) {
      char c = marked.charAt(i);
      if (!hasMarkers || (c != open && c != close)) {
        plain.append(c);
      }
    }
    List<int[]> spans = personalData(plain);
    if (spans.isEmpty()) {
      return marked;
    }
    StringBuilder out = new StringBuilder(marked.length());
    int p = 0; // position in plain
    int span = 0;
    boolean markOpen = false; // as the input says
    boolean emittedOpen = false; // as the output says
    for (int i = 0; i <= marked.length(); i++) {
      char c = i < marked.length() ? marked.charAt(i) : '\0';
      boolean isMarker = i < marked.length() && hasMarkers && (c == open || c == close);
      boolean inSpan = span < spans.size() && p >= spans.get(span)[0] && p < spans.get(span)[1];
      if (isMarker) {
        markOpen = c == open;
        if (!inSpan && markOpen != emittedOpen) {
          out.append(c);
          emittedOpen = markOpen;
        }
        continue;
      }
      if (i == marked.length()) {
        break;
      }
      if (inSpan) {
        if (p == spans.get(span)[0]) {
          if (emittedOpen) {
            out.append(close);
            emittedOpen = false;
          }
          out.append(spans.get(span)[2] == 0 ? PHONE : EMAIL);
        }
        p++;
        if (p == spans.get(span)[1]) {
          span++;
          if (markOpen) {
            out.append(open);
            emittedOpen = true;
          }
        }
        continue;
      }
      out.append(c);
      p++;
    }
    if (emittedOpen) {
      out.append(close);
    }
    return out.toString();
  }

  /** Start, end and kind (0 phone, 1 e-mail) of each number or address, in order. */
  private static List<int[]> personalData(CharSequence text) {
    List<int[]> spans = new ArrayList<>();
    Matcher email = EMAIL_ADDRESS.matcher(text);
    while (email.find()) {
      spans.add(new int[] {email.start(), email.end(), 1});
    }
    for (Pattern pattern : List.of(DIGIT_RUN, LOCAL_NUMBER)) {
      Matcher phone = pattern.matcher(text);
      while (phone.find()) {
        if ((pattern == LOCAL_NUMBER || digits(phone.group()) >= 10)
            && spans.stream().noneMatch(s -> phone.start() < s[1] && s[0] < phone.end())) {
          spans.add(new int[] {phone.start(), phone.end(), 0});
        }
      }
    }
    spans.sort((a, b) -> Integer.compare(a[0], b[0]));
    return spans;
  }

  private static int digits(String s) {
    return (int) s.chars().filter(Character::isDigit).count();
  }
}
