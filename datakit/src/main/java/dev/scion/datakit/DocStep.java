package dev.scion.datakit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A step that looks at one document at a time: it may add fields to it, and it keeps it or names
 * the reason it is removed. Runs in one streaming pass.
 */
public interface DocStep extends AutoCloseable {
  /** The step's name in reports. */
  String name();

  /** Returns null to keep {@code doc} (possibly with fields added), or why it is removed. */
  String apply(ObjectNode doc, String text);

  /**
   * Applies the step to a batch of documents (their texts alongside) and returns a reason per
   * document, null for kept ones. Steps that gain from batching (an encoder) override this.
   */
  default List<String> applyAll(List<ObjectNode> docs, List<String> texts) {
    List<String> out = new java.util.ArrayList<>(docs.size());
    for (int i = 0; i < docs.size(); i++) {
      out.add(apply(docs.get(i), texts.get(i)));
    }
    return out;
  }

  /** Figures for the report beyond the counts. */
  default Map<String, Object> details() {
    return Map.of();
  }

  @Override
  default void close() {}

  /** How many documents a step sees at once. */
  int BATCH = 256;

  /** Runs the step from {@code in} to {@code out}. */
  static StepReport run(DocStep step, Path in, Path out, BadLines bad, Progress progress) {
    long t0 = System.nanoTime();
    progress.start(step.name() + ": " + in);
    Map<String, Long> removedBy = new LinkedHashMap<>();
    int[] counts = new int[2];
    List<ObjectNode> docs = new java.util.ArrayList<>(BATCH);
    List<String> texts = new java.util.ArrayList<>(BATCH);
    Jsonl.writeAtomically(
        out,
        stream -> {
          Runnable flush =
              () -> {
                List<String> why = step.applyAll(docs, texts);
                for (int i = 0; i < docs.size(); i++) {
                  counts[0]++;
                  if (why.get(i) == null) {
                    counts[1]++;
                    try {
                      Jsonl.writeLine(stream, docs.get(i));
                    } catch (java.io.IOException e) {
                      throw new DataException("cannot write " + out + ": " + e.getMessage(), e);
                    }
                  } else {
                    removedBy.merge(why.get(i), 1L, Long::sum);
                  }
                }
                docs.clear();
                texts.clear();
              };
          Jsonl.read(
              in,
              bad,
              progress,
              doc -> {
                docs.add(doc.json());
                texts.add(doc.text());
                if (docs.size() == BATCH) {
                  flush.run();
                }
              });
          flush.run();
        });
    return new StepReport(
        step.name(),
        counts[0],
        counts[1],
        removedBy,
        null,
        List.of(),
        bad.count(),
        bad.listed(),
        step.details(),
        (System.nanoTime() - t0) / 1e9);
  }
}
