package dev.scion.nlu.values;

import java.util.Locale;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lengths of a stay in nights: "3 nights", "two nights", "a week", "2 weeks", "三晚", "两个晚上", "一周".
 */
public final class Durations {
  private static final Pattern EN =
      Pattern.compile("\\b([\\w-]+(?:\\s+[\\w-]+)?)\\s+(nights?|days?|weeks?)\\b");
  private static final Pattern ZH =
      Pattern.compile("([0-9零一二两三四五六七八九十]+)\\s*(?:个)?(晚上|晚|夜|天|周|星期)");

  private Durations() {}

  /** Nights of the stay {@code text} describes, or empty. */
  public static OptionalInt nights(String text) {
    String t = text.toLowerCase(Locale.ROOT);
    Matcher m = ZH.matcher(t);
    if (m.find()) {
      long n = Numbers.parse(m.group(1)).orElse(0);
      return OptionalInt.of((int) (m.group(2).equals("周") || m.group(2).equals("星期") ? n * 7 : n));
    }
    m = EN.matcher(t);
    if (m.find()) {
      var n = Numbers.parse(m.group(1));
      if (n.isEmpty()) {
        String[] words = m.group(1).split("\\s+");
        n = Numbers.parse(words[words.length - 1]);
      }
      if (n.isPresent()) {
        return OptionalInt.of(
            (int) (m.group(2).startsWith("week") ? n.getAsLong() * 7 : n.getAsLong()));
      }
    }
    return OptionalInt.empty();
  }
}
