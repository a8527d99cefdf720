package dev.scion.knowledge;

import java.util.ArrayList;
import java.util.List;

/**
 * Structure of Markdown and plain text: {@code #} headings (and underlined ones), pipe tables, and
 * paragraphs separated by blank lines; list items are paragraphs of their own.
 */
final class TextStructure {
  private TextStructure() {}

  static List<Block> blocks(String text) {
    List<Block> out = new ArrayList<>();
    List<String> para = new ArrayList<>();
    List<String> table = new ArrayList<>();
    String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      String s = line.strip();
      if (s.startsWith("|") && s.length() > 1) {
        flush(out, para);
        if (!s.replaceAll("[|:\\-\\s]", "").isEmpty()) { // not the |---|---| separator
          List<String> cells = new ArrayList<>();
          for (String c :
              s.substring(1, s.endsWith("|") ? s.length() - 1 : s.length()).split("\\|")) {
            cells.add(c.strip());
          }
          table.add(String.join(" | ", cells));
        }
        continue;
      }
      if (!table.isEmpty()) {
        out.add(new Block(Block.Kind.TABLE, 0, String.join("\n", table), 0, 0));
        table.clear();
      }
      int level = headingLevel(s);
      if (level > 0) {
        flush(out, para);
        out.add(new Block(Block.Kind.HEADING, level, s.substring(level).strip(), 0, 0));
      } else if (i + 1 < lines.length
          && !s.isEmpty()
          && para.isEmpty()
          && lines[i + 1].strip().matches("(=+|-+)")
          && lines[i + 1].strip().length() >= 3) {
        out.add(
            new Block(Block.Kind.HEADING, lines[i + 1].strip().startsWith("=") ? 1 : 2, s, 0, 0));
        i++;
      } else if (s.isEmpty()) {
        flush(out, para);
      } else if (s.matches("([-*+]|\\d+[.)])\\s+.*")) {
        flush(out, para);
        para.add(s);
        flush(out, para);
      } else {
        para.add(s);
      }
    }
    flush(out, para);
    if (!table.isEmpty()) {
      out.add(new Block(Block.Kind.TABLE, 0, String.join("\n", table), 0, 0));
    }
    return out;
  }

  private static int headingLevel(String s) {
    int n = 0;
    while (n < s.length() && s.charAt(n) == '#') {
      n++;
    }
    return n >= 1 && n <= 6 && n < s.length() && s.charAt(n) == ' ' ? n : 0;
  }

  private static void flush(List<Block> out, List<String> para) {
    if (!para.isEmpty()) {
      out.add(new Block(Block.Kind.PARAGRAPH, 0, String.join(" ", para), 0, 0));
      para.clear();
    }
  }
}
