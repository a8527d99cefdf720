package dev.scion.nlu.values;

import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A position in a list said in words: "the first one", "second", "number 2", "option 3", "#1", "the
 * 2nd one", "第一个", "第2家", "头一个". Ordinals of days ("the 1st", "3rd") are not positions: in digits
 * they count only before "one" or "option".
 */
public final class Ordinals {
  private static final Map<String, Integer> WORDS =
      Map.of("first", 1, "second", 2, "third", 3, "fourth", 4, "fifth", 5, "sixth", 6);

  private static final Pattern EN =
      Pattern.compile(
          "\\b(first|second|third|fourth|fifth|sixth)\\b"
              + "|\\b(\\d)(?:st|nd|rd|th)\\s+(?:one|option|choice)\\b"
              + "|(?:\\bnumber|\\bno\\.?|\\boption|\\bchoice|#)\\s*(\\d)\\b");

  private static final Pattern ZH = Pattern.compile("第\\s*([一二两三四五六七八九十\\d]{1,2})|头一(?:个|家|间|张|笔)");

  private Ordinals() {}

  /** The first position {@code text} names (1 for the first), or empty when it names none. */
  public static OptionalInt position(String text) {
    String t = text.toLowerCase(Locale.ROOT);
    Matcher en = EN.matcher(t);
    Matcher zh = ZH.matcher(t);
    boolean inEnglish = en.find();
    boolean inChinese = zh.find();
    if (inChinese && (!inEnglish || zh.start() < en.start())) {
      if (zh.group(1) == null) {
        return OptionalInt.of(1);
      }
      var n = Numbers.parse(zh.group(1));
      return n.isPresent() && n.getAsLong() >= 1
          ? OptionalInt.of((int) n.getAsLong())
          : OptionalInt.empty();
    }
    if (!inEnglish) {
      return OptionalInt.empty();
    }
    if (en.group(1) != null) {
      return OptionalInt.of(WORDS.get(en.group(1)));
    }
    int n = Integer.parseInt(en.group(2) != null ? en.group(2) : en.group(3));
    return n >= 1 ? OptionalInt.of(n) : OptionalInt.empty();
  }
}
