package dev.scion.knowledge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scion.models.OnnxEncoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A knowledge base in a folder: the documents ingested into it (by source name, with a content
 * hash), their chunks in a {@link HybridIndex}, and running totals of what answers cost. Ingesting
 * a changed file replaces its chunks; an unchanged one is skipped; a file that fails is reported
 * and leaves the base as it was.
 */
public final class KnowledgeBase implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MANIFEST = "kb.json";

  /** Settings fixed when the base is created. */
  public record Settings(String language, int chunkTokens, int overlapTokens) {
    public static final Settings DEFAULT_EN = new Settings("en", 256, 48);

    public Settings {
      if (!language.equals("en") && !language.equals("zh")) {
        throw new KnowledgeException("unknown language '" + language + "'; use en or zh");
      }
    }
  }

  /** A source document held by the base. */
  public record Source(String name, String title, String hash, int chunks, int tokens) {}

  /** The outcome of ingesting one file. */
  public record FileResult(String source, String status, int chunks, int tokens, String error) {}

  /** What an ingest did, file by file, and how fast. */
  public record IngestReport(List<FileResult> files, double seconds, long tokens) {
    public long failed() {
      return files.stream().filter(f -> f.error() != null).count();
    }
  }

  private final Path dir;
  private final Settings settings;
  private final HybridIndex index;
  private final Chunker chunker;
  private final Extractor extractor;
  private final Map<String, Source> sources = new TreeMap<>();
  private final Map<String, List<Long>> chunkIds = new TreeMap<>();
  private long nextId;
  private long answers;
  private long contextTokens;

  private final OnnxEncoder ownEncoder;

  private KnowledgeBase(
      Path dir, Settings settings, long maxFileBytes, Function<String, OnnxEncoder> encoders) {
    this.dir = dir;
    this.settings = settings;
    String name = encoderFor(settings.language());
    OnnxEncoder encoder;
    if (encoders == null) {
      encoder = OnnxEncoder.load(name, Runtime.getRuntime().availableProcessors(), 1024);
      ownEncoder = encoder;
    } else {
      encoder = encoders.apply(name);
      ownEncoder = null;
    }
    this.index = new HybridIndex(dir, settings.language(), encoder);
    this.chunker =
        new Chunker(settings.chunkTokens(), settings.overlapTokens(), encoder::countTokens);
    this.extractor = new Extractor(maxFileBytes);
  }

  /** The encoder a base of {@code language} uses. */
  public static String encoderFor(String language) {
    return language.equals("zh") ? OnnxEncoder.BGE_SMALL_ZH_V15 : OnnxEncoder.BGE_SMALL_EN_V15;
  }

  /** Opens the base in {@code dir}, creating it with {@code settings} when there is none. */
  public static KnowledgeBase open(Path dir, Settings settings, long maxFileBytes) {
    return open(dir, settings, maxFileBytes, null);
  }

  /**
   * Opens the base in {@code dir}, creating it with {@code settings} when there is none; encoders
   * come from {@code encoders} by name (shared with others), or are loaded for this base when null.
   */
  public static KnowledgeBase open(
      Path dir, Settings settings, long maxFileBytes, Function<String, OnnxEncoder> encoders) {
    Path manifest = dir.resolve(MANIFEST);
    try {
      if (Files.exists(manifest)) {
        JsonNode m = JSON.readTree(manifest.toFile());
        Settings stored =
            new Settings(
                m.get("language").asText(),
                m.get("chunk_tokens").asInt(),
                m.get("overlap_tokens").asInt());
        KnowledgeBase kb = new KnowledgeBase(dir, stored, maxFileBytes, encoders);
        kb.nextId = m.get("next_id").asLong();
        kb.answers = m.path("answers").asLong();
        kb.contextTokens = m.path("context_tokens").asLong();
        m.get("sources")
            .fields()
            .forEachRemaining(
                e -> {
                  JsonNode s = e.getValue();
                  kb.sources.put(
                      e.getKey(),
                      new Source(
                          e.getKey(),
                          s.get("title").asText(),
                          s.get("hash").asText(),
                          s.get("chunks").size(),
                          s.get("tokens").asInt()));
                  List<Long> ids = new ArrayList<>();
                  s.get("chunks").forEach(id -> ids.add(id.asLong()));
                  kb.chunkIds.put(e.getKey(), ids);
                });
        return kb;
      }
      Files.createDirectories(dir);
      KnowledgeBase kb = new KnowledgeBase(dir, settings, maxFileBytes, encoders);
      kb.saveManifest();
      return kb;
    } catch (IOException e) {
      throw new KnowledgeException(
          "cannot open the knowledge base in " + dir + ": " + e.getMessage(), e);
    }
  }

  public Settings settings() {
    return settings;
  }

  public List<Source> sources() {
    return List.copyOf(sources.values());
  }

  /** Tokens of every source's extracted text: what a prompt holding the whole base would cost. */
  public long totalTokens() {
    return sources.values().stream().mapToLong(Source::tokens).sum();
  }

  /** Answers given so far, and the context tokens they used together. */
  public long answers() {
    return answers;
  }

  public long contextTokens() {
    return contextTokens;
  }

  HybridIndex index() {
    return index;
  }

  /**
   * Ingests files and folders (recursively). A folder's files are named by their path relative to
   * the folder's parent; a file by its name. Sources under an ingested folder that are no longer
   * there are removed. {@code progress} receives a line per file.
   */
  public IngestReport ingest(List<Path> paths, Consumer<String> progress) {
    long t0 = System.nanoTime();
    List<FileResult> results = new ArrayList<>();
    long tokens = 0;
    for (Path p : paths) {
      if (Files.isDirectory(p)) {
        Path base = p.toAbsolutePath().normalize().getParent();
        String prefix = base.relativize(p.toAbsolutePath().normalize()).toString() + "/";
        List<Path> files;
        try (Stream<Path> walk = Files.walk(p)) {
          files = walk.filter(Files::isRegularFile).filter(f -> !isHidden(f)).sorted().toList();
        } catch (IOException e) {
          throw new KnowledgeException("cannot list " + p + ": " + e.getMessage(), e);
        }
        List<String> present = new ArrayList<>();
        for (Path f : files) {
          String source = base.relativize(f.toAbsolutePath().normalize()).toString();
          present.add(source);
          FileResult r = ingestFile(f, source);
          results.add(r);
          tokens += r.tokens();
          progress.accept(line(results.size(), r));
        }
        for (String gone : new ArrayList<>(sources.keySet())) {
          if (gone.startsWith(prefix) && !present.contains(gone)) {
            remove(gone);
            results.add(new FileResult(gone, "removed", 0, 0, null));
            progress.accept(line(results.size(), results.getLast()));
          }
        }
      } else if (Files.isRegularFile(p)) {
        FileResult r = ingestFile(p, p.getFileName().toString());
        results.add(r);
        tokens += r.tokens();
        progress.accept(line(results.size(), r));
      } else {
        results.add(new FileResult(p.toString(), "failed", 0, 0, p + ": no such file or folder"));
        progress.accept(line(results.size(), results.getLast()));
      }
    }
    return new IngestReport(List.copyOf(results), (System.nanoTime() - t0) / 1e9, tokens);
  }

  private static boolean isHidden(Path f) {
    return f.getFileName().toString().startsWith(".");
  }

  private static String line(int n, FileResult r) {
    return r.error() != null
        ? "[" + n + "] " + r.source() + ": FAILED: " + r.error()
        : "["
            + n
            + "] "
            + r.source()
            + ": "
            + r.status()
            + (r.chunks() > 0 ? ", " + r.chunks() + " chunks, " + r.tokens() + " tokens" : "");
  }

  /** Ingests one file under a source name; its old chunks are replaced only on success. */
  public synchronized FileResult ingestFile(Path file, String source) {
    String hash;
    try {
      hash = sha256(file);
    } catch (IOException e) {
      return new FileResult(source, "failed", 0, 0, source + ": cannot read: " + e.getMessage());
    }
    Source old = sources.get(source);
    if (old != null && old.hash().equals(hash)) {
      return new FileResult(source, "unchanged", 0, 0, null);
    }
    try {
      Extracted doc = extractor.extract(file, source);
      List<Chunk> chunks = chunker.chunks(doc);
      List<String> texts = chunks.stream().map(Chunk::indexedText).toList();
      float[][] vectors = index.embed(texts);
      List<HybridIndex.Unit> units = new ArrayList<>();
      List<Long> ids = new ArrayList<>();
      for (int i = 0; i < chunks.size(); i++) {
        Chunk c = chunks.get(i);
        long id = nextId + i;
        ids.add(id);
        units.add(new HybridIndex.Unit(id, source, texts.get(i), payload(c)));
      }
      int tokens = index.encoder().countTokens(doc.text());
      if (old != null) {
        index.deleteSource(source);
      }
      nextId += chunks.size();
      index.add(units, vectors);
      sources.put(source, new Source(source, doc.title(), hash, chunks.size(), tokens));
      chunkIds.put(source, ids);
      saveManifest();
      return new FileResult(
          source, old == null ? "added" : "replaced", chunks.size(), tokens, null);
    } catch (KnowledgeException e) {
      return new FileResult(source, "failed", 0, 0, e.getMessage());
    }
  }

  private static ObjectNode payload(Chunk c) {
    ObjectNode p = JSON.createObjectNode();
    ArrayNode titles = p.putArray("titles");
    c.titles().forEach(titles::add);
    p.put("start", c.start());
    p.put("end", c.end());
    p.put("text", c.text());
    p.put("tokens", c.tokens());
    return p;
  }

  /** Removes a source and its chunks; returns false when there was none. */
  public synchronized boolean remove(String source) {
    if (sources.remove(source) == null) {
      return false;
    }
    chunkIds.remove(source);
    index.deleteSource(source);
    saveManifest();
    return true;
  }

  /** A retrieved passage. */
  public record Passage(Chunk chunk, double score, int bm25Rank, int denseRank) {}

  /** The best {@code k} passages for {@code query}, optionally from one source only. */
  public List<Passage> search(String query, int k, HybridIndex.Mode mode, String source) {
    if (query == null || query.isBlank()) {
      throw new KnowledgeException("the query is empty");
    }
    List<Passage> out = new ArrayList<>();
    for (HybridIndex.Hit h : index.search(query, k, mode, source)) {
      out.add(new Passage(chunk(h.payload()), h.score(), h.bm25Rank(), h.denseRank()));
    }
    return out;
  }

  static Chunk chunk(JsonNode p) {
    List<String> titles = new ArrayList<>();
    p.get("titles").forEach(t -> titles.add(t.asText()));
    return new Chunk(
        p.get("source").asText(),
        titles,
        p.get("start").asInt(),
        p.get("end").asInt(),
        p.get("text").asText(),
        p.get("tokens").asInt());
  }

  /** Counts an answer's context tokens into the running totals. */
  synchronized void account(int tokens) {
    answers++;
    contextTokens += tokens;
    saveManifest();
  }

  private void saveManifest() {
    ObjectNode m = JSON.createObjectNode();
    m.put("language", settings.language());
    m.put("chunk_tokens", settings.chunkTokens());
    m.put("overlap_tokens", settings.overlapTokens());
    m.put("next_id", nextId);
    m.put("answers", answers);
    m.put("context_tokens", contextTokens);
    ObjectNode s = m.putObject("sources");
    for (Source src : sources.values()) {
      ObjectNode o = s.putObject(src.name());
      o.put("title", src.title());
      o.put("hash", src.hash());
      o.put("tokens", src.tokens());
      ArrayNode ids = o.putArray("chunks");
      chunkIds.get(src.name()).forEach(ids::add);
    }
    try {
      Path tmp = dir.resolve(MANIFEST + ".tmp");
      Files.write(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(m));
      Files.move(
          tmp,
          dir.resolve(MANIFEST),
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new KnowledgeException(
          "cannot save " + dir.resolve(MANIFEST) + ": " + e.getMessage(), e);
    }
  }

  private static String sha256(Path file) throws IOException {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      try (var in = Files.newInputStream(file)) {
        byte[] buf = new byte[1 << 16];
        for (int n; (n = in.read(buf)) > 0; ) {
          md.update(buf, 0, n);
        }
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    index.close();
    if (ownEncoder != null) {
      ownEncoder.close();
    }
  }
}
