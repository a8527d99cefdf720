package dev.scion.datakit;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes a run's report: JSON for programs, and a readable HTML summary beside it. */
public final class Reports {
  private Reports() {}

  /** Writes {@code json} to {@code file}, and the HTML summary to the same name ending .html. */
  public static Path write(Path file, Map<String, Object> json, List<StepReport> steps) {
    Jsonl.writeAtomically(
        file,
        out -> out.write(Jsonl.JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(json)));
    String name = file.getFileName().toString();
    Path html =
        file.resolveSibling(
            (name.endsWith(".json") ? name.substring(0, name.length() - 5) : name) + ".html");
    Jsonl.writeAtomically(
        html, out -> out.write(html(json, steps).getBytes(StandardCharsets.UTF_8)));
    return html;
  }

  static String html(Map<String, Object> json, List<StepReport> steps) {
    StringBuilder h = new StringBuilder();
    h.append("<!doctype html><html><head><meta charset=\"utf-8\"><title>Scion data report</title>")
        .append("<style>body{font:14px system-ui,sans-serif;margin:2em;max-width:60em}")
        .append(
            "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3em .6em;text-align:right}")
        .append(
            "th{background:#f4f4f4}td.l{text-align:left}li{margin:.2em 0}.c{border-left:3px solid #88a;")
        .append("padding-left:.6em;margin:.8em 0}</style></head><body>");
    h.append("<h1>Data report</h1><p>")
        .append(json.get("input"))
        .append(" documents in, ")
        .append(json.get("kept"))
        .append(" kept, ")
        .append(json.get("removed"))
        .append(" removed, in ")
        .append(json.get("seconds"))
        .append(" s.</p>");
    h.append("<table><tr><th>step</th><th>in</th><th>kept</th><th>removed</th><th>seconds</th>")
        .append("<th class=l>removed by</th><th>bad lines</th></tr>");
    for (StepReport s : steps) {
      h.append("<tr><td class=l>")
          .append(escape(s.step()))
          .append("</td><td>")
          .append(s.input())
          .append("</td><td>")
          .append(s.kept())
          .append("</td><td>")
          .append(s.removed())
          .append("</td><td>")
          .append(String.format(Locale.ROOT, "%.2f", s.seconds()))
          .append("</td><td class=l>");
      s.removedBy().forEach((k, v) -> h.append(escape(k)).append(": ").append(v).append("<br>"));
      h.append("</td><td>").append(s.badLines()).append("</td></tr>");
    }
    h.append("</table>");
    for (StepReport s : steps) {
      if (!s.badListed().isEmpty()) {
        h.append("<h2>Bad lines (").append(escape(s.step())).append(")</h2><ul>");
        for (BadLines.Bad b : s.badListed()) {
          h.append("<li>line ")
              .append(b.line())
              .append(": ")
              .append(escape(b.reason()))
              .append("</li>");
        }
        h.append("</ul>");
      }
      if (!s.examples().isEmpty()) {
        h.append("<h2>Example clusters (")
            .append(escape(s.step()))
            .append(", ")
            .append(s.clusters().size())
            .append(" in all; the first text is kept)</h2>");
        for (List<String> cluster : s.examples()) {
          h.append("<div class=c><ol>");
          for (String t : cluster) {
            h.append("<li>").append(escape(t)).append("</li>");
          }
          h.append("</ol></div>");
        }
      }
    }
    return h.append("</body></html>\n").toString();
  }

  static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
