package dev.scion.nlu;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits text into the words the models label: runs of letters and digits (with inner apostrophes
 * and hyphens), single punctuation marks, and single Chinese, Japanese or Korean characters.
 */
public final class Words {
  private Words() {}

  public static List<String> split(String text) {
    List<String> out = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      int len = Character.charCount(c);
      if (isCjk(c)) {
        flush(word, out);
        out.add(new String(Character.toChars(c)));
      } else if (Character.isLetterOrDigit(c)
          || ((c == '\'' || c == '-' || c == '.' || c == ',')
              && word.length() > 0
              && i + len < text.length()
              && Character.isLetterOrDigit(text.codePointAt(i + len))
              && !(c == ',' && !Character.isDigit(word.charAt(word.length() - 1))))) {
        word.appendCodePoint(c);
      } else {
        flush(word, out);
        if (!Character.isWhitespace(c)) {
          out.add(new String(Character.toChars(c)));
        }
      }
      i += len;
    }
    flush(word, out);
    return out;
  }

  private static boolean isCjk(int c) {
    Character.UnicodeScript s = Character.UnicodeScript.of(c);
    return s == Character.UnicodeScript.HAN
        || s == Character.UnicodeScript.HIRAGANA
        || s == Character.UnicodeScript.KATAKANA
        || s == Character.UnicodeScript.HANGUL;
  }

  private static void flush(StringBuilder word, List<String> out) {
    if (word.length() > 0) {
      out.add(word.toString());
      word.setLength(0);
    }
  }
}
