package dev.scion.forms;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Tables written in a description: lines of cells separated by {@code |} or tabs (a Markdown
 * table's {@code ---} line is skipped), or by runs of spaces under a header that names its columns
 * ("Field Type Required", "字段 类型 是否必填"). A table of fields has a column naming each field; a table
 * of steps a column naming who approves.
 */
final class Tables {
  private Tables() {}

  /** What a column holds, read from the words of its header. */
  enum Column {
    NAME,
    TYPE,
    REQUIRED,
    OPTIONS,
    APPROVER,
    CONDITION,
    STEP,
    OTHER
  }

  /** One cell: the user's words and where they start in the description. */
  record Cell(String text, int start) {}

  /** A table: its columns, its rows of cells, and the span of the description it takes. */
  record Table(List<Column> columns, List<List<Cell>> rows, int start, int end) {
    boolean ofFields() {
      return columns.contains(Column.NAME)
          && !columns.contains(Column.APPROVER)
          && columns.stream()
              .anyMatch(c -> c != Column.NAME && c != Column.OTHER && c != Column.STEP);
    }

    boolean ofSteps() {
      return columns.contains(Column.APPROVER);
    }

    /** The cell of a row in the first column of a kind, or null. */
    Cell cell(List<Cell> row, Column c) {
      int i = columns.indexOf(c);
      return i >= 0 && i < row.size() ? row.get(i) : null;
    }
  }

  private static final Pattern RULE = Pattern.compile("^[\\s|:：\\-—=+]*$");

  /** The tables of a description, in order. */
  static List<Table> find(String text) {
    List<int[]> lines = lines(text);
    List<Table> out = new ArrayList<>();
    int i = 0;
    while (i < lines.size()) {
      Table t = tableAt(text, lines, i);
      if (t == null) {
        i++;
        continue;
      }
      out.add(t);
      while (i < lines.size() && lines.get(i)[0] < t.end()) {
        i++;
      }
    }
    return out;
  }

  /** The description with its tables blanked out (offsets and line breaks kept). */
  static String without(String text, List<Table> tables) {
    StringBuilder b = new StringBuilder(text);
    for (Table t : tables) {
      for (int i = t.start(); i < t.end(); i++) {
        if (b.charAt(i) != '\n') {
          b.setCharAt(i, ' ');
        }
      }
    }
    return b.toString();
  }

  private static Table tableAt(String text, List<int[]> lines, int first) {
    String head = line(text, lines.get(first));
    String sep = separator(head);
    if (sep == null) {
      return null;
    }
    List<Cell> header = cells(text, lines.get(first), sep);
    List<Column> columns = header.stream().map(c -> column(c.text())).toList();
    boolean named = columns.contains(Column.NAME) || columns.contains(Column.APPROVER);
    long known = columns.stream().filter(c -> c != Column.OTHER).count();
    if (header.size() < 2 || !named || known < 2) {
      return null; // only a header that names its columns starts a table
    }
    List<List<Cell>> rows = new ArrayList<>();
    int end = lines.get(first)[1];
    for (int i = first + 1; i < lines.size(); i++) {
      String l = line(text, lines.get(i));
      if (l.isBlank()) {
        break;
      }
      if (RULE.matcher(l).matches()) {
        end = lines.get(i)[1];
        continue; // "|---|---|"
      }
      if (!sep.equals(separator(l)) && !(sep.equals("  ") && l.contains("  "))) {
        break;
      }
      List<Cell> row = cells(text, lines.get(i), sep);
      if (row.size() < 2) {
        break;
      }
      rows.add(row);
      end = lines.get(i)[1];
    }
    if (rows.isEmpty()) {
      return null;
    }
    return new Table(columns, rows, lines.get(first)[0], end);
  }

  private static String separator(String line) {
    if (line.indexOf('|') >= 0 || line.indexOf('｜') >= 0) {
      return "|";
    }
    if (line.indexOf('\t') >= 0) {
      return "\t";
    }
    if (line.strip().contains("  ")) {
      return "  ";
    }
    return null;
  }

  private static List<Cell> cells(String text, int[] line, String sep) {
    String split =
        switch (sep) {
          case "|" -> "[|｜]";
          case "\t" -> "\\t+";
          default -> "\\s{2,}|\\t+";
        };
    List<Cell> out = new ArrayList<>();
    var m = Pattern.compile(split).matcher(text).region(line[0], line[1]);
    int start = line[0];
    List<int[]> spans = new ArrayList<>();
    while (m.find()) {
      spans.add(new int[] {start, m.start()});
      start = m.end();
    }
    spans.add(new int[] {start, line[1]});
    for (int k = 0; k < spans.size(); k++) {
      int[] s = spans.get(k);
      String raw = text.substring(s[0], s[1]);
      String t = raw.strip();
      boolean edge = k == 0 || k == spans.size() - 1;
      if (t.isEmpty() && edge && sep.equals("|")) {
        continue; // "| a | b |": the empty cells outside the bars
      }
      out.add(new Cell(t, s[0] + Math.max(0, raw.indexOf(t))));
    }
    return out;
  }

  /** The kind of a column, from its header's words. */
  static Column column(String header) {
    String h = header.strip().toLowerCase(Locale.ROOT).replaceAll("[*:：?？]", "").strip();
    if (h.matches(
        "required\\??|mandatory|must|req\\.?|required/optional|optional/required|是否必填|必填|必填项"
            + "|必填/选填|是否必须|必须")) {
      return Column.REQUIRED;
    }
    if (h.matches("(?:field |data )?type|kind|format|input|类型|字段类型|格式|输入方式|数据类型")) {
      return Column.TYPE;
    }
    if (h.matches("options?|choices?|values?|allowed values|可选值|选项|下拉选项|取值")) {
      return Column.OPTIONS;
    }
    if (h.matches(
        "approvers?|approved by|who|who approves|role|signer|sign-off|审批人|审批角色|审批|角色|处理人|负责人")) {
      return Column.APPROVER;
    }
    if (h.matches("conditions?|when|only if|if|条件|审批条件|触发条件")) {
      return Column.CONDITION;
    }
    if (h.matches("step|steps|order|no\\.?|#|seq|步骤|顺序|序号|环节|节点")) {
      return Column.STEP;
    }
    if (h.matches(
        "fields?|field name|name|label|item|data|information|字段|字段名|字段名称|名称|项目|填写项|内容|信息")) {
      return Column.NAME;
    }
    return Column.OTHER;
  }

  private static List<int[]> lines(String text) {
    List<int[]> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= text.length(); i++) {
      if (i == text.length() || text.charAt(i) == '\n') {
        out.add(new int[] {start, i});
        start = i + 1;
      }
    }
    return out;
  }

  private static String line(String text, int[] line) {
    return text.substring(line[0], line[1]);
  }
}
