package dev.scion.bench;

import dev.scion.models.OnnxEncoder;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Makes a 384-d data set of real text embeddings: the glosses of WordNet (Debian {@code
 * wordnet-base}) embedded with bge-small-en-v1.5, written as {@code .fvecs} for {@code bench
 * vector}.
 */
public final class TextSet {
  public static final Path WORDNET = Path.of("/usr/share/wordnet");

  private TextSet() {}

  /** The distinct glosses of every synset, in file order. */
  public static List<String> wordnetGlosses(Path dir) throws IOException {
    Set<String> glosses = new LinkedHashSet<>();
    for (String pos : List.of("noun", "verb", "adj", "adv")) {
      Path file = dir.resolve("data." + pos);
      if (!Files.exists(file)) {
        throw new IllegalArgumentException(
            "WordNet is not installed (" + file + "); run: apt-get install wordnet-base");
      }
      for (String line : Files.readAllLines(file, StandardCharsets.ISO_8859_1)) {
        int bar = line.indexOf(" | ");
        if (!line.startsWith(" ") && bar > 0) {
          glosses.add(line.substring(bar + 3).trim());
        }
      }
    }
    return new ArrayList<>(glosses);
  }

  /** Embeds up to {@code limit} glosses and writes them to {@code out}; returns how many. */
  public static int write(Path out, int limit, int threads, PrintStream progress)
      throws IOException {
    List<String> glosses = wordnetGlosses(WORDNET);
    glosses = glosses.subList(0, Math.min(limit, glosses.size()));
    float[][] vectors = new float[glosses.size()][];
    try (OnnxEncoder encoder = OnnxEncoder.load(OnnxEncoder.BGE_SMALL_EN_V15, threads, 0)) {
      long t0 = System.nanoTime();
      int chunk = 2048;
      for (int from = 0; from < glosses.size(); from += chunk) {
        List<String> part = glosses.subList(from, Math.min(glosses.size(), from + chunk));
        float[][] v = encoder.embed(part);
        System.arraycopy(v, 0, vectors, from, v.length);
        double seconds = (System.nanoTime() - t0) / 1e9;
        progress.printf(
            Locale.ROOT,
            "embedded %d/%d glosses (%.0f texts/s)%n",
            from + part.size(),
            glosses.size(),
            (from + part.size()) / seconds);
      }
    }
    Files.createDirectories(out.toAbsolutePath().getParent());
    Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
    Dataset.writeFvecs(vectors, tmp);
    Files.move(
        tmp,
        out,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    return vectors.length;
  }
}
