package dev.scion.dialog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The values of an entity slot, rows of the pack's business database ({@code {entity: TOOL}} in
 * pack.yaml): each value's canonical name ({@code name}), its Chinese name ({@code name_zh}) and
 * the other names people use for it ({@code aliases:}).
 *
 * @param names the canonical names
 * @param zh canonical name to Chinese name
 * @param lookup every name and alias, lower-case, to the canonical name
 * @param scan whether a name is looked for anywhere in a message, not only in a tagged span
 * @param showBoth whether a Chinese reply shows the Chinese name with the canonical one
 */
record Entities(
    List<String> names,
    Map<String, String> zh,
    Map<String, String> lookup,
    boolean scan,
    boolean showBoth) {

  /** The values of the rows, with the aliases of the pack (canonical name to other names). */
  static Entities of(
      List<Map<String, Object>> rows,
      Map<String, List<String>> aliases,
      boolean scan,
      boolean showBoth) {
    List<String> names = new ArrayList<>();
    Map<String, String> zh = new LinkedHashMap<>();
    Map<String, String> lookup = new LinkedHashMap<>();
    for (Map<String, Object> row : rows) {
      String name = String.valueOf(row.get("name"));
      names.add(name);
      String lower = name.toLowerCase(Locale.ROOT);
      lookup.put(lower, name);
      lookup.putIfAbsent(lower.replace(" ", ""), name); // "danang"
      if (row.get("name_zh") != null) {
        zh.put(name, row.get("name_zh").toString());
        lookup.put(row.get("name_zh").toString(), name);
      }
    }
    aliases.forEach(
        (name, others) -> others.forEach(a -> lookup.put(a.toLowerCase(Locale.ROOT), name)));
    return new Entities(List.copyOf(names), zh, lookup, scan, showBoth);
  }

  /**
   * The value a span of text names, or null: a name or alias it is, the longest name or alias in
   * it, the one name it is part of (four characters at least), or the name most of whose
   * distinctive words it has (half at least).
   */
  String read(String text) {
    String t = text.toLowerCase(Locale.ROOT).strip();
    String exact = lookup.get(t);
    if (exact != null) {
      return exact;
    }
    String longest = null;
    for (String key : lookup.keySet()) {
      if (containsWord(t, key) && (longest == null || key.length() > longest.length())) {
        longest = key;
      }
    }
    if (longest != null) {
      return lookup.get(longest);
    }
    if (t.length() >= (isChinese(t) ? 3 : 4)) {
      List<String> containing =
          lookup.entrySet().stream()
              .filter(e -> e.getKey().contains(t))
              .map(Map.Entry::getValue)
              .distinct()
              .toList();
      if (containing.size() == 1) {
        return containing.getFirst();
      }
    }
    return byWords(t);
  }

  /** The name with the largest share (half at least) of its distinctive words in the text. */
  private String byWords(String t) {
    List<String> words = List.of(t.split("[^\\p{L}\\p{Nd}]+"));
    Map<String, Integer> shared = sharedWords();
    String best = null;
    double bestScore = 0;
    for (String name : names) {
      List<String> own = words(name).stream().filter(w -> shared.get(w) < 3).toList();
      long common = own.stream().filter(words::contains).count();
      double score = own.isEmpty() ? 0 : (double) common / own.size();
      if (score > bestScore) {
        bestScore = score;
        best = name;
      }
    }
    return bestScore >= 0.5 ? best : null;
  }

  /**
   * The one value whose name the message holds, wherever it stands: every distinctive word of its
   * name (words shared by three names or more, and the words of {@code otherWords}, the names of
   * other entities, do not count), or the Chinese name without the ending it shares with others
   * ("河坊街" of "河坊街客栈"). With {@code loose} (a value of this slot is being asked for) two
   * distinctive words are enough, or one found in no other name. Null when none or several match.
   */
  String findByName(String text, boolean loose, List<String> otherWords) {
    String lower = text.toLowerCase(Locale.ROOT);
    List<String> said = List.of(lower.split("[^\\p{L}\\p{Nd}]+"));
    Map<String, Integer> shared = sharedWords();
    Set<String> found = new LinkedHashSet<>();
    for (String name : names) {
      List<String> words =
          words(name).stream().filter(w -> shared.get(w) < 3 && !otherWords.contains(w)).toList();
      long present = words.stream().filter(said::contains).count();
      boolean unique =
          words.stream().anyMatch(w -> said.contains(w) && shared.get(w) == 1 && w.length() >= 4);
      if (!words.isEmpty() && present == words.size()
          || loose && (present >= 2 || unique || saysPairOf(said, name))) {
        found.add(name);
      }
      String zhName = zh.get(name);
      if (zhName != null) {
        String core = zhCore(zhName);
        if (core.length() >= 2 && lower.contains(core)
            || loose
                && core.length() >= 2
                && uniquePrefix(core)
                && lower.contains(core.substring(0, 2))) {
          found.add(name);
        }
      }
    }
    return found.size() == 1 ? found.iterator().next() : null;
  }

  /**
   * Whether the words said hold two words of the name in a row ("my khe" for My Khe Beach Resort),
   * short ones included.
   */
  private static boolean saysPairOf(List<String> said, String name) {
    List<String> n = List.of(name.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{Nd}]+"));
    for (int i = 0; i + 1 < n.size(); i++) {
      for (int j = 0; j + 1 < said.size(); j++) {
        if (said.get(j).equals(n.get(i)) && said.get(j + 1).equals(n.get(i + 1))) {
          return true;
        }
      }
    }
    return false;
  }

  /** Every word of every name and alias (for other entities' name look-ups to leave out). */
  List<String> nameWords() {
    List<String> out = new ArrayList<>();
    for (String key : lookup.keySet()) {
      out.addAll(List.of(key.split("\\s+")));
    }
    return out;
  }

  /** The value as a Chinese reply shows it. */
  String chinese(String value) {
    String z = zh.get(value);
    if (z == null) {
      return value;
    }
    return showBoth ? z + "（" + value + "）" : z;
  }

  private Map<String, Integer> sharedWords() {
    Map<String, Integer> shared = new HashMap<>();
    for (String name : names) {
      words(name).forEach(w -> shared.merge(w, 1, Integer::sum));
    }
    return shared;
  }

  private static List<String> words(String name) {
    return List.of(name.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{Nd}]+")).stream()
        .filter(w -> w.length() > 2)
        .distinct()
        .toList();
  }

  /** A Chinese name without the ending it shares with another name ("酒店", "度假村"). */
  private String zhCore(String name) {
    for (int cut = Math.min(3, name.length() - 1); cut >= 2; cut--) {
      String end = name.substring(name.length() - cut);
      long sharing = zh.values().stream().filter(o -> o.endsWith(end)).count();
      if (sharing >= 2) {
        return name.substring(0, name.length() - cut);
      }
    }
    return name;
  }

  /** Whether no other Chinese name has the first two characters of {@code core}. */
  private boolean uniquePrefix(String core) {
    String p = core.substring(0, 2);
    return zh.values().stream().filter(o -> o.contains(p)).count() == 1;
  }

  private static boolean isChinese(String s) {
    return s.codePoints()
        .anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
  }

  /** Whether the text holds the word (any Chinese text: as a substring). */
  static boolean containsWord(String text, String word) {
    String w = word.toLowerCase(Locale.ROOT);
    if (isChinese(w)) {
      return text.contains(w);
    }
    return Pattern.compile("(?<![\\p{L}\\d])" + Pattern.quote(w) + "(?![\\p{L}\\d])")
        .matcher(text)
        .find();
  }
}
