package dev.scion.dialog.tools;

import java.util.ArrayList;
import java.util.List;

/** SQL with {@code :name} parameters, turned into JDBC {@code ?} placeholders in order. */
record NamedSql(String sql, List<String> names) {
  static NamedSql parse(String text) {
    StringBuilder out = new StringBuilder(text.length());
    List<String> names = new ArrayList<>();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\'') {
        quoted = !quoted;
        out.append(c);
      } else if (!quoted
          && c == ':'
          && i + 1 < text.length()
          && (Character.isLetter(text.charAt(i + 1)) || text.charAt(i + 1) == '_')
          && (i == 0 || text.charAt(i - 1) != ':')) {
        int j = i + 1;
        while (j < text.length()
            && (Character.isLetterOrDigit(text.charAt(j)) || text.charAt(j) == '_')) {
          j++;
        }
        names.add(text.substring(i + 1, j));
        out.append('?');
        i = j - 1;
      } else {
        out.append(c);
      }
    }
    return new NamedSql(out.toString(), List.copyOf(names));
  }
}
