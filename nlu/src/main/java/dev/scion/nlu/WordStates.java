package dev.scion.nlu;

import dev.scion.models.OnnxEncoder;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The encoder's state of each word of an utterance, unit length, remembered per utterance so that
 * training several models on the same words (the folds of a cross-validation, the epochs of a
 * neural model) runs the encoder once per utterance. With a file, the states also outlive the
 * process: a later run on the same data reads them instead of running the encoder.
 */
public final class WordStates {
  private static final String MAGIC = "scion-word-states-1";
  private final OnnxEncoder encoder;
  private final Map<List<String>, float[][]> cache = new ConcurrentHashMap<>();
  private final Path file;

  private WordStates(OnnxEncoder encoder, Path file) {
    this.encoder = encoder;
    this.file = file;
  }

  private WordStates(OnnxEncoder encoder) {
    this(encoder, null);
  }

  /**
   * States of the named encoder remembered in {@code file} as well: read from it now when it
   * exists, written back by {@link #encodeAll} when that adds utterances.
   */
  public static WordStates of(String encoderName, Path file) {
    WordStates states = new WordStates(OnnxEncoder.load(encoderName, 1, 0), file);
    if (Files.isRegularFile(file)) {
      states.read();
    }
    return states;
  }

  private void read() {
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
      String magic = in.readUTF();
      String name = in.readUTF();
      int dim = in.readInt();
      if (!magic.equals(MAGIC) || !name.equals(encoder.name()) || dim != encoder.dimension()) {
        throw new NluException(
            file
                + " holds word states of "
                + name
                + ", not "
                + encoder.name()
                + "; give another --states-cache file or delete this one");
      }
      int count = in.readInt();
      for (int i = 0; i < count; i++) {
        List<String> words = new ArrayList<>();
        int n = in.readInt();
        for (int w = 0; w < n; w++) {
          words.add(in.readUTF());
        }
        float[][] h = new float[n][dim];
        for (float[] row : h) {
          for (int k = 0; k < dim; k++) {
            row[k] = in.readFloat();
          }
        }
        cache.put(List.copyOf(words), h);
      }
    } catch (IOException e) {
      throw new NluException(
          "cannot read the word states in " + file + " (" + e.getMessage() + "); delete it", e);
    }
  }

  private void write() {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      try (DataOutputStream out =
          new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
        out.writeUTF(MAGIC);
        out.writeUTF(encoder.name());
        out.writeInt(encoder.dimension());
        List<Map.Entry<List<String>, float[][]>> entries = new ArrayList<>(cache.entrySet());
        out.writeInt(entries.size());
        for (var e : entries) {
          out.writeInt(e.getKey().size());
          for (String w : e.getKey()) {
            out.writeUTF(w);
          }
          for (float[] row : e.getValue()) {
            for (float v : row) {
              out.writeFloat(v);
            }
          }
        }
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new NluException("cannot write the word states to " + file + ": " + e.getMessage(), e);
    }
  }

  /** States of the named encoder (one of {@link OnnxEncoder#AVAILABLE}). */
  public static WordStates of(String encoderName) {
    return new WordStates(OnnxEncoder.load(encoderName, 1, 0));
  }

  /** States of an encoder already loaded. */
  public static WordStates of(OnnxEncoder encoder) {
    return new WordStates(encoder);
  }

  public OnnxEncoder encoder() {
    return encoder;
  }

  public int dimension() {
    return encoder.dimension();
  }

  /** The unit-length states of the words, computed now (not remembered). */
  public static float[][] compute(OnnxEncoder encoder, List<String> words) {
    float[][] states = encoder.wordStates(words);
    for (float[] h : states) {
      OnnxEncoder.normalize(h);
    }
    return states;
  }

  /** The states of the words, remembered. */
  public float[][] get(List<String> words) {
    return cache.computeIfAbsent(List.copyOf(words), w -> compute(encoder, w));
  }

  /** Computes the states of every utterance not seen yet, in parallel, with progress lines. */
  public void encodeAll(List<Example> data, TrainingProgress progress) {
    List<Example> todo = data.stream().filter(e -> !cache.containsKey(e.words())).toList();
    if (todo.isEmpty()) {
      return;
    }
    progress.report("encoding the words of " + todo.size() + " utterances with " + encoder.name());
    AtomicInteger done = new AtomicInteger();
    int step = Math.max(1000, todo.size() / 10);
    todo.parallelStream()
        .forEach(
            e -> {
              get(e.words());
              int d = done.incrementAndGet();
              if (d % step == 0) {
                progress.report("  encoded " + d + "/" + todo.size());
              }
            });
    if (file != null) {
      write();
      progress.report("word states remembered in " + file);
    }
  }
}
