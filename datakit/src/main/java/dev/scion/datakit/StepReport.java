package dev.scion.datakit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one step did: documents in and kept, why the others went, the duplicate clusters (ids, the
 * kept one first), a few example clusters with their texts, and the lines that were skipped.
 */
public record StepReport(
    String step,
    int input,
    int kept,
    Map<String, Long> removedBy,
    List<List<Object>> clusters,
    List<List<String>> examples,
    long badLines,
    List<BadLines.Bad> badListed,
    Map<String, Object> details,
    double seconds) {

  /** How many example clusters keep their texts for the HTML summary. */
  public static final int EXAMPLES = 10;

  public int removed() {
    return input - kept;
  }

  /** The report as the JSON object written to {@code --report}. */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("step", step);
    m.put("input", input);
    m.put("kept", kept);
    m.put("removed", removed());
    if (!removedBy.isEmpty()) {
      m.put("removed_by", removedBy);
    }
    if (clusters != null) {
      m.put("clusters", clusters);
    }
    m.put("seconds", Math.round(seconds * 1000) / 1000.0);
    m.put("bad_lines", badJson(badLines, badListed));
    m.putAll(details);
    return m;
  }

  static Map<String, Object> badJson(long count, List<BadLines.Bad> listed) {
    Map<String, Object> bad = new LinkedHashMap<>();
    bad.put("count", count);
    List<Map<String, Object>> lines = new ArrayList<>();
    for (BadLines.Bad b : listed) {
      lines.add(Map.of("line", b.line(), "reason", b.reason()));
    }
    bad.put("lines", lines);
    return bad;
  }
}
