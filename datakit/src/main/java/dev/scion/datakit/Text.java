package dev.scion.datakit;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Text normalization, word splitting and hashing shared by the cleaning steps. */
public final class Text {
  private Text() {}

  /** NFKC, lower case, runs of white space as one space, trimmed: what exact dedup compares. */
  public static String normalize(String text) {
    String s = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    StringBuilder out = new StringBuilder(s.length());
    boolean space = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)) {
        space = out.length() > 0;
      } else {
        if (space) {
          out.append(' ');
          space = false;
        }
        out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * Lower-case words: runs of letters and digits; each Han, kana or Hangul character is a word of
   * its own, since those scripts do not separate words by spaces.
   */
  public static List<String> words(String text) {
    List<String> out = new ArrayList<>();
    String s = text.toLowerCase(Locale.ROOT);
    int start = -1;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      int next = i + Character.charCount(cp);
      if (isIdeographic(cp)) {
        if (start >= 0) {
          out.add(s.substring(start, i));
          start = -1;
        }
        out.add(s.substring(i, next));
      } else if (Character.isLetterOrDigit(cp)) {
        if (start < 0) {
          start = i;
        }
      } else if (start >= 0) {
        out.add(s.substring(start, i));
        start = -1;
      }
      i = next;
    }
    if (start >= 0) {
      out.add(s.substring(start));
    }
    return out;
  }

  static boolean isIdeographic(int cp) {
    Character.UnicodeScript script = Character.UnicodeScript.of(cp);
    return script == Character.UnicodeScript.HAN
        || script == Character.UnicodeScript.HIRAGANA
        || script == Character.UnicodeScript.KATAKANA
        || script == Character.UnicodeScript.HANGUL;
  }

  /** A 64-bit hash of a string (FNV-1a over UTF-16 units, then a MurmurHash3 finalizer). */
  public static long hash64(CharSequence s, long seed) {
    long h = 0xcbf29ce484222325L ^ seed;
    for (int i = 0; i < s.length(); i++) {
      h ^= s.charAt(i);
      h *= 0x100000001b3L;
    }
    return mix64(h);
  }

  /** MurmurHash3's 64-bit finalizer: every input bit affects every output bit. */
  public static long mix64(long h) {
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }

  /** MurmurHash3's 32-bit finalizer. */
  static int mix32(int h) {
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h;
  }
}
