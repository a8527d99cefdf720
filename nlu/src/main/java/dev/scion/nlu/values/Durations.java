package dev.scion.nlu.values;

import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lengths of a stay in nights: "3 nights", "3nts", "two nites", "a week", "2 weeks", "a fortnight",
 * "三晚", "两个晚上", "两宿", "一周", "俩晚". The number is signed as written: "-3 nights" and "minus 3 nights"
 * are -3 and "0 nights" is 0, never a positive stay; callers reject what is not positive.
 */
public final class Durations {
  private static final Pattern EN =
      Pattern.compile(
          "([-\u2212]\\s*)?\\b([\\w-]+(?:\\s+[\\w-]+)?)(?:\\s+|(?<=\\d))"
              + "(nights?|nites?|nts?|days?|weeks?|wks?)\\b");
  private static final Pattern ZH =
      Pattern.compile("([-\u2212]\\s*)?([0-9零一二两三四五六七八九十俩仨]+)\\s*(?:个)?(晚上|晚|夜|宿|天|周|星期|礼拜)");

  /** A minus sign or word before the count, not a dash between two numbers ("2-3 nights"). */
  private static final Pattern MINUS = Pattern.compile("(?:^|[^\\w])[-\u2212]\\s*\\d|\\bminus\\b");

  private static final Pattern FORTNIGHT =
      Pattern.compile("\\b(a|one|two|\\d+)?\\s*fortnights?\\b");

  private Durations() {}

  /** Nights of the stay {@code text} describes, or empty. */
  public static OptionalInt nights(String text) {
    String t = text.toLowerCase(Locale.ROOT);
    Matcher m = ZH.matcher(t);
    if (m.find()) {
      long n = Numbers.parse(m.group(2)).orElse(0);
      boolean weeks = List.of("周", "星期", "礼拜").contains(m.group(3));
      return signed(m.group(1) != null, weeks ? n * 7 : n);
    }
    m = FORTNIGHT.matcher(t);
    if (m.find()) {
      return signed(false, Numbers.parse(m.group(1) == null ? "a" : m.group(1)).orElse(1) * 14);
    }
    m = EN.matcher(t);
    while (m.find()) {
      String count = m.group(2);
      boolean minus = m.group(1) != null || MINUS.matcher(m.group()).find();
      var n = Numbers.parse(count);
      if (n.isEmpty()) {
        String[] words = count.split("\\s+");
        n = Numbers.parse(words[words.length - 1]);
      }
      if (n.isPresent()) {
        boolean weeks = m.group(3).startsWith("w");
        return signed(minus, weeks ? n.getAsLong() * 7 : n.getAsLong());
      }
    }
    return OptionalInt.empty();
  }

  private static OptionalInt signed(boolean minus, long n) {
    return OptionalInt.of((int) (minus ? -n : n));
  }
}
