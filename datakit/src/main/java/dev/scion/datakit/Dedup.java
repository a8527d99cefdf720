package dev.scion.datakit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a {@link Deduplicator} over a JSONL file: one pass to group, one to write the kept lines.
 */
public final class Dedup {
  private Dedup() {}

  public static StepReport run(
      Path in, Path out, Deduplicator method, BadLines bad, Progress progress) {
    long t0 = System.nanoTime();
    progress.start(method.method() + " dedup: reading " + in);
    int n = Jsonl.read(in, bad, progress, method::add);
    UnionFind groups = method.finish(progress);
    groups.grow(n);
    int[] size = new int[n];
    for (int i = 0; i < n; i++) {
      size[groups.find(i)]++;
    }
    Map<Integer, List<Object>> clusters = new LinkedHashMap<>();
    Map<Integer, List<String>> examples = new LinkedHashMap<>();
    int[] kept = new int[1];
    progress.start(method.method() + " dedup: writing " + out);
    Jsonl.writeAtomically(
        out,
        stream ->
            Jsonl.read(
                in,
                BadLines.skip(),
                progress,
                doc -> {
                  int root = groups.find(doc.ordinal());
                  if (root == doc.ordinal()) {
                    kept[0]++;
                    try {
                      Jsonl.writeLine(stream, doc.json());
                    } catch (java.io.IOException e) {
                      throw new DataException("cannot write " + out + ": " + e.getMessage(), e);
                    }
                  }
                  if (size[root] > 1) {
                    clusters.computeIfAbsent(root, r -> new ArrayList<>()).add(doc.id());
                    if (examples.size() < StepReport.EXAMPLES || examples.containsKey(root)) {
                      examples
                          .computeIfAbsent(root, r -> new ArrayList<>())
                          .add(snippet(doc.text()));
                    }
                  }
                }));
    Map<String, Long> removedBy = new LinkedHashMap<>();
    if (n > kept[0]) {
      removedBy.put("duplicate", (long) (n - kept[0]));
    }
    return new StepReport(
        method.method(),
        n,
        kept[0],
        removedBy,
        List.copyOf(clusters.values()),
        List.copyOf(examples.values()),
        bad.count(),
        bad.listed(),
        Map.of("method", method.method()),
        (System.nanoTime() - t0) / 1e9);
  }

  static String snippet(String text) {
    return text.length() <= 300 ? text : text.substring(0, 300) + "…";
  }
}
