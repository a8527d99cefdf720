package dev.scion.forms;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a description into sentences, and each sentence into pieces that may each be a statement:
 * at commas (not inside numbers such as 5,000) and before the words that start a next step ("then",
 * "after that", "finally", "然后", "最后"). Every piece keeps where it starts in the description, so
 * that what cannot be placed is shown at the user's own line and words.
 */
final class Statements {
  private Statements() {}

  /** A piece of a sentence and the offset of its first character in the description. */
  record Piece(String text, int start) {
    int end() {
      return start + text.length();
    }
  }

  private static final Pattern SENTENCE_END =
      Pattern.compile(
          "\\n|[;；!！？。]|\\?(?![ \\t]*\\p{Ll}[^.?!\\n]{0,14}(?:/| or ))|\\.(?=\\s|$)(?<!\\d\\.)|(?<![A-Za-z])\\.(?=\\s|$)");
  private static final Pattern PIECE_END =
      Pattern.compile(
          "(?<!\\d),|,(?!\\d{3}\\b)|，|\\s*(?:->|→|=>|⇒)\\s*|(?<=\\S)\\s+(?:--?|[–—]{1,2})\\s+|——"
              + "|(?=\\s(?:and then|then|after that|afterwards|finally|lastly|subsequently"
              + "|next,)\\b)|(?<=\\S)(?=然后|之后|接着|最后|随后)"
              + "|(?=\\sand (?:is |are |also |then )*(?:copied|cc'?d|cc|kept in the loop)\\b)"
              + "|(?<=[^\\s，,、])(?=并?同时抄送|并抄送)"
              + "|(?<=审批|审核|同意|批准|签字|看过)后(?=交|再|由|给|送|提交|报)"
              + "|(?<=批完|审完|签完|看完|批过|审过|批好|审好)(?:之?后|以后)?(?=再?(?:交给?|给|由|送|报|转))");

  static List<List<Piece>> split(String text) {
    List<List<Piece>> out = new ArrayList<>();
    int start = 0;
    Matcher m = SENTENCE_END.matcher(text);
    while (true) {
      boolean found = m.find();
      while (found && listNumber(text, m.start())) {
        found = m.find(); // "1. Team lead": the dot of a list number ends no sentence
      }
      int end = found ? m.start() : text.length();
      List<Piece> sentence = pieces(text, start, end);
      if (!sentence.isEmpty()) {
        out.add(sentence);
      }
      if (!found) {
        break;
      }
      start = m.end();
    }
    return out;
  }

  private static List<Piece> pieces(String text, int from, int to) {
    List<Piece> out = new ArrayList<>();
    Matcher m = PIECE_END.matcher(text).region(from, to);
    int start = from;
    while (m.find()) {
      if (depth(text, start, m.start()) > 0) {
        continue; // "amount (required, money)": a comma inside parentheses
      }
      if (m.group().strip().matches("-{1,2}|[–—]{1,2}")
          && (bulleted(text, m.start()) || namesOptions(text, start, m.start(), m.end(), to))) {
        continue; // "1. Vendor name - mandatory", "Impact — low, medium or high": a name, its words
      }
      add(out, text, start, m.start());
      start = m.end();
    }
    add(out, text, start, to);
    return titleFirst(out);
  }

  /** "Travel booking form: name and date are required" starts with a title of its own. */
  private static List<Piece> titleFirst(List<Piece> pieces) {
    if (pieces.isEmpty()) {
      return pieces;
    }
    Piece p = pieces.getFirst();
    Matcher m =
        Pattern.compile("^(.{1,40}?(?:\\bform|单|表|申请))\\s*[:：]\\s*(\\S.*)$").matcher(p.text());
    if (!m.matches() || m.group(1).matches("(?i).*\\b(required|optional|fields?)\\b.*")) {
      return pieces;
    }
    List<Piece> out = new ArrayList<>();
    out.add(new Piece(m.group(1), p.start()));
    out.add(new Piece(m.group(2), p.start() + m.start(2)));
    out.addAll(pieces.subList(1, pieces.size()));
    return out;
  }

  private static boolean listNumber(String text, int dot) {
    if (text.charAt(dot) != '.') {
      return false;
    }
    int line = text.lastIndexOf('\n', dot - 1) + 1;
    return text.substring(line, dot).matches("\\s*(?:\\d{1,2}|[a-zA-Z])");
  }

  /** "Impact — low, medium or high": a short name, a dash, then a list of options. */
  private static boolean namesOptions(String text, int start, int dash, int after, int to) {
    String rest = text.substring(after, to);
    return text.substring(start, dash).strip().split("\\s+").length <= 3
        && rest.matches("(?is)[^.;]*(?:,|/|\\bor\\b|、).*")
        && !rest.matches("(?is).*\\b(?:required|mandatory|optional|all|both|these|those)\\b.*");
  }

  private static boolean bulleted(String text, int at) {
    int line = text.lastIndexOf('\n', at - 1) + 1;
    Matcher b = BULLET.matcher(text.substring(line, at).stripLeading());
    return b.lookingAt() && b.end() > 0;
  }

  private static int depth(String text, int from, int to) {
    int d = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      d += c == '(' || c == '（' ? 1 : c == ')' || c == '）' ? -1 : 0;
    }
    return d;
  }

  private static final Pattern BULLET =
      Pattern.compile(
          "^(?:[-*•·>]+|\\d{1,2}[.)、．]|[（(]\\d{1,2}[)）]|[（(][a-h][)）]|[a-z][.)](?=\\s)|step \\d+[.:)]?"
              + "|[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十]{1,3}[)）]"
              + "|第[一二三四五六七八九十\\d]{1,3}[步级项条][:：、，,]?)\\s*",
          Pattern.CASE_INSENSITIVE);

  /** A piece without its list marker ("1. ", "- ", "* "). */
  static Piece unbulleted(Piece p) {
    Matcher m = BULLET.matcher(p.text());
    if (m.find() && m.end() < p.text().length()) {
      p = new Piece(p.text().substring(m.end()), p.start() + m.end());
    }
    Matcher star = STAR_AFTER.matcher(p.text());
    if (star.find() && star.start() > 0) {
      return new Piece(p.text().substring(0, star.start()), p.start()); // "location *"
    }
    return p;
  }

  /** A star after an item's words: the required mark of a list, read by {@link RequiredMarks}. */
  private static final Pattern STAR_AFTER = Pattern.compile("\\s*[*＊]+\\s*$");

  private static void add(List<Piece> out, String text, int from, int to) {
    String raw = text.substring(from, to);
    String s = raw.strip();
    if (s.replaceAll("[\\p{Punct}\\s：，、]", "").isEmpty()) {
      return;
    }
    out.add(new Piece(s, from + raw.indexOf(s)));
  }

  /** Two neighbouring pieces as one, with the user's words between them. */
  static Piece join(String text, Piece a, Piece b) {
    return new Piece(text.substring(a.start(), b.end()), a.start());
  }
}
