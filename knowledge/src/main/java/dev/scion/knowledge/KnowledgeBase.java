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
import java.util.function.IntConsumer;
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

  /**
   * Marks a manifest whose token counts cover whole texts. Older ones counted at most the 512
   * tokens the encoder reads: a source counted at that cap may be longer, and is ingested again
   * (counted and chunked whole) the next time its file is, even unchanged.
   */
  private static final String WHOLE_COUNTS = "whole";

  private static final int OLD_COUNT_CAP = 512;

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
        boolean whole = m.path("token_counts").asText().equals(WHOLE_COUNTS);
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
                          stale(whole, s) ? "" : s.get("hash").asText(),
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

  /** Whether a source of an older manifest may have been counted short. */
  private static boolean stale(boolean wholeCounts, JsonNode source) {
    return !wholeCounts && source.get("tokens").asInt() >= OLD_COUNT_CAP;
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
  public FileResult ingestFile(Path file, String source) {
    try {
      return ingest(prepare(file, source), index.encoder().threads(), done -> {});
    } catch (KnowledgeException e) {
      return new FileResult(source, "failed", 0, 0, e.getMessage());
    }
  }

  /**
   * A file read, extracted, counted and cut into chunks, ready to be embedded: everything an ingest
   * does before the encoder runs, so that its cost is known first. An unchanged file (same content
   * as the source already held) has no chunks and costs nothing.
   */
  public static final class Prepared {
    private final String source;
    private final String hash;
    private final Extracted doc;
    private final List<Chunk> chunks;
    private final int tokens;

    private Prepared(String source, String hash, Extracted doc, List<Chunk> chunks, int tokens) {
      this.source = source;
      this.hash = hash;
      this.doc = doc;
      this.chunks = chunks;
      this.tokens = tokens;
    }

    public String source() {
      return source;
    }

    /** The tokens of the document's extracted text (0 when unchanged). */
    public int tokens() {
      return tokens;
    }

    /** The chunks to embed (0 when unchanged). */
    public int chunks() {
      return chunks.size();
    }

    public boolean unchanged() {
      return doc == null;
    }
  }

  /**
   * Reads, extracts, counts and chunks a file for {@link #ingest(Prepared, int, IntConsumer)};
   * nothing in the base changes. A file that cannot be read or holds no text is a {@link
   * KnowledgeException} naming it. Counting stops past {@code maxTokens}: a larger document is
   * refused without reading the rest of it, with a message that says how to fit it.
   */
  public Prepared prepare(Path file, String source, long maxTokens) {
    String hash;
    try {
      hash = sha256(file);
    } catch (IOException e) {
      throw new KnowledgeException(source + ": cannot read: " + e.getMessage(), e);
    }
    Source old;
    synchronized (this) {
      old = sources.get(source);
    }
    if (old != null && old.hash().equals(hash)) {
      return new Prepared(source, hash, null, List.of(), 0);
    }
    Extracted doc = extractor.extract(file, source);
    int tokens = index.encoder().countTokens(doc.text(), maxTokens);
    if (tokens > maxTokens) {
      throw new DocumentTooLargeException(source, maxTokens);
    }
    return new Prepared(source, hash, doc, chunker.chunks(doc), tokens);
  }

  /** {@link #prepare(Path, String, long)} without a size limit. */
  public Prepared prepare(Path file, String source) {
    return prepare(file, source, Long.MAX_VALUE);
  }

  /**
   * Embeds a prepared file's chunks, {@code parallelism} texts at a time (so that an ingest leaves
   * the encoder's other threads to searches), telling {@code progress} the chunks done after each
   * step, then puts them in the base in one step: a source's old chunks are replaced only then. The
   * base stays readable and writable while the encoder runs.
   */
  public FileResult ingest(Prepared p, int parallelism, IntConsumer progress) {
    if (p.unchanged()) {
      return new FileResult(p.source, "unchanged", 0, 0, null);
    }
    List<String> texts = p.chunks.stream().map(Chunk::indexedText).toList();
    float[][] vectors = new float[texts.size()][];
    int step = Math.max(1, parallelism);
    for (int from = 0; from < texts.size(); from += step) {
      int to = Math.min(texts.size(), from + step);
      float[][] part = index.embed(texts.subList(from, to));
      System.arraycopy(part, 0, vectors, from, part.length);
      progress.accept(to);
    }
    return commit(p, texts, vectors);
  }

  private synchronized FileResult commit(Prepared p, List<String> texts, float[][] vectors) {
    Source old = sources.get(p.source);
    List<HybridIndex.Unit> units = new ArrayList<>();
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < p.chunks.size(); i++) {
      long id = nextId + i;
      ids.add(id);
      units.add(new HybridIndex.Unit(id, p.source, texts.get(i), payload(p.chunks.get(i))));
    }
    if (old != null) {
      index.deleteSource(p.source);
    }
    nextId += p.chunks.size();
    index.add(units, vectors);
    sources.put(p.source, new Source(p.source, p.doc.title(), p.hash, p.chunks.size(), p.tokens));
    chunkIds.put(p.source, ids);
    saveManifest();
    return new FileResult(
        p.source, old == null ? "added" : "replaced", p.chunks.size(), p.tokens, null);
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
    m.put("token_counts", WHOLE_COUNTS);
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
