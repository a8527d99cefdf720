package dev.scion.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A BEIR-format retrieval set made from WordNet (Debian wordnet-base), for developing retrieval
 * without network access: the corpus is synsets (title: their words; text: the definition), the
 * queries are WordNet's own example sentences, and each query's relevant document is the synset it
 * illustrates. Word-sense retrieval: the query's words match many senses, only one is right.
 */
public final class WordnetBeir {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern EXAMPLE = Pattern.compile("\"([^\"]{20,})\"");

  private record Synset(String id, String title, String definition, List<String> examples) {}

  private WordnetBeir() {}

  /** Writes the set to {@code out}; returns the number of corpus documents. */
  public static int write(Path out, int corpusSize, int queries, long seed) throws IOException {
    List<Synset> all = new ArrayList<>();
    for (String pos : List.of("noun", "verb", "adj", "adv")) {
      Path file = TextSet.WORDNET.resolve("data." + pos);
      if (!Files.exists(file)) {
        throw new IllegalArgumentException(
            "WordNet is not installed (" + file + "); run: apt-get install wordnet-base");
      }
      for (String line : Files.readAllLines(file, StandardCharsets.ISO_8859_1)) {
        int bar = line.indexOf(" | ");
        if (line.startsWith(" ") || bar < 0) {
          continue;
        }
        String[] f = line.substring(0, bar).split(" ");
        int words = Integer.parseInt(f[3], 16);
        List<String> names = new ArrayList<>();
        for (int w = 0; w < words; w++) {
          names.add(f[4 + 2 * w].replace('_', ' ').replaceAll("\\(.*\\)$", ""));
        }
        String gloss = line.substring(bar + 3).trim();
        List<String> examples = new ArrayList<>();
        Matcher m = EXAMPLE.matcher(gloss);
        while (m.find()) {
          examples.add(m.group(1));
        }
        int cut = gloss.indexOf("; \"");
        String definition = (cut > 0 ? gloss.substring(0, cut) : gloss).trim();
        all.add(new Synset(pos.charAt(0) + f[0], String.join(", ", names), definition, examples));
      }
    }
    Random random = new Random(seed);
    List<Synset> withExamples =
        new ArrayList<>(all.stream().filter(s -> !s.examples().isEmpty()).toList());
    Collections.shuffle(withExamples, random);
    List<Synset> asked = withExamples.subList(0, Math.min(queries, withExamples.size()));
    List<Synset> corpus = new ArrayList<>(all);
    Collections.shuffle(corpus, random);
    java.util.Set<String> chosen = new java.util.LinkedHashSet<>();
    asked.forEach(s -> chosen.add(s.id()));
    for (Synset s : corpus) {
      if (chosen.size() >= Math.max(corpusSize, asked.size())) {
        break;
      }
      chosen.add(s.id());
    }
    Files.createDirectories(out.resolve("qrels"));
    List<String> docs = new ArrayList<>();
    for (Synset s : all) {
      if (chosen.contains(s.id())) {
        ObjectNode o = JSON.createObjectNode();
        o.put("_id", s.id());
        o.put("title", s.title());
        o.put("text", s.definition());
        docs.add(o.toString());
      }
    }
    Files.write(out.resolve("corpus.jsonl"), docs, StandardCharsets.UTF_8);
    List<String> qs = new ArrayList<>();
    List<String> qrels = new ArrayList<>();
    qrels.add("query-id\tcorpus-id\tscore");
    int n = 0;
    for (Synset s : asked) {
      String id = "q" + n++;
      ObjectNode o = JSON.createObjectNode();
      o.put("_id", id);
      o.put("text", s.examples().get(random.nextInt(s.examples().size())));
      qs.add(o.toString());
      qrels.add(id + "\t" + s.id() + "\t1");
    }
    Files.write(out.resolve("queries.jsonl"), qs, StandardCharsets.UTF_8);
    Files.write(out.resolve("qrels").resolve("test.tsv"), qrels, StandardCharsets.UTF_8);
    return docs.size();
  }
}
