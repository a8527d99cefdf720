package dev.scion.server.knowledge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scion.knowledge.Answerer;
import dev.scion.knowledge.DocumentTooLargeException;
import dev.scion.knowledge.HybridIndex;
import dev.scion.knowledge.KnowledgeBase;
import dev.scion.knowledge.KnowledgeBases;
import dev.scion.knowledge.KnowledgeException;
import dev.scion.models.ChatClient;
import dev.scion.server.ApiException;
import dev.scion.server.HttpEdge;
import dev.scion.server.JsonBodies;
import dev.scion.server.tenancy.Caller;
import dev.scion.server.tenancy.Tenancy;
import dev.scion.server.tenancy.TenantSpaces;
import dev.scion.vector.internal.FileTrees;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Knowledge bases over HTTP: create, list and delete bases; upload (multipart {@code file} fields,
 * or a raw body with {@code ?filename=}), at once or as a background job with progress; list and
 * remove documents; search; ask.
 */
public final class KnowledgeRoutes implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger("scion.knowledge");

  /** The file in an upload's spool that names its base (a name no document may have). */
  private static final String SPOOL_JOB = ".job.json";

  private static final Pattern FILE_NAME = Pattern.compile("[\\p{L}\\p{N} ._()+-]{1,200}");
  private static final int MAX_NAME_BYTES = 200;
  private static final Set<String> CREATE_FIELDS = Set.of("language", "chunk_tokens");
  private static final Set<String> SEARCH_FIELDS = Set.of("query", "limit", "mode", "source");
  private static final Set<String> ASK_FIELDS = Set.of("question", "limit");

  /** Uploads of up to this many new tokens are ingested while the caller waits, unless told. */
  static final int SYNC_TOKENS = 20_000;

  /** Texts an ingest embeds at once: half the encoder's threads, the rest left to searches. */
  private static final int PARALLELISM =
      Math.max(1, Runtime.getRuntime().availableProcessors() / 2);

  private final TenantSpaces spaces;
  private final ChatClient llm;
  private final long maxDocumentTokens;
  private final IngestJobs jobs = new IngestJobs(PARALLELISM);

  /**
   * {@code llm} may be null: answers are then extractive. Documents of more than {@code
   * maxDocumentTokens} tokens are refused.
   */
  public KnowledgeRoutes(TenantSpaces spaces, ChatClient llm, long maxDocumentTokens) {
    this.spaces = spaces;
    this.llm = llm;
    this.maxDocumentTokens = maxDocumentTokens;
    jobs.runOnJobThread(this::resumeUploads);
  }

  /** Stops the background ingests; see {@link IngestJobs#close()}. */
  @Override
  public void close() {
    jobs.close();
  }

  /** The caller's tenant's knowledge bases. */
  private KnowledgeBases bases(Context ctx) {
    return spaces.knowledge(Caller.of(ctx).tenant());
  }

  public void register(Javalin app) {
    app.get(
        "/kb",
        ctx ->
            ctx.json(JSON.createObjectNode().set("result", JSON.valueToTree(bases(ctx).names()))));
    app.put("/kb/{name}", this::create);
    app.get("/kb/{name}", ctx -> ctx.json(info(base(ctx))));
    app.delete("/kb/{name}", this::delete);
    app.post("/kb/{name}/documents", this::upload);
    app.get("/kb/{name}/documents", ctx -> ctx.json(info(base(ctx)).get("documents")));
    app.delete("/kb/{name}/documents", this::remove);
    app.get("/kb/{name}/jobs", this::listJobs);
    app.get("/kb/{name}/jobs/{id}", this::job);
    app.post("/kb/{name}/search", this::search);
    app.post("/kb/{name}/ask", this::ask);
    app.exception(
        KnowledgeException.class,
        (e, ctx) -> dev.scion.server.ScionServer.error(ctx, 400, e.getMessage()));
  }

  private KnowledgeBase base(Context ctx) {
    String name = ctx.pathParam("name");
    KnowledgeBase kb = bases(ctx).get(name);
    if (kb == null) {
      throw new ApiException(
          404, "knowledge base '" + name + "' does not exist; create it with PUT /kb/" + name);
    }
    return kb;
  }

  private void create(Context ctx) {
    String name = ctx.pathParam("name");
    JsonNode body = ctx.body().isBlank() ? JSON.createObjectNode() : JsonBodies.object(ctx);
    JsonBodies.checkFields(body, "knowledge base settings", CREATE_FIELDS);
    String language = JsonBodies.text(body, "language", "en");
    int chunk = JsonBodies.integer(body, "chunk_tokens", 256);
    if (chunk < 64 || chunk > 512) {
      throw ApiException.badRequest("chunk_tokens must be between 64 and 512, got " + chunk);
    }
    var settings = new KnowledgeBase.Settings(language, chunk, chunk * 3 / 16);
    if (!bases(ctx).create(name, settings)) {
      throw new ApiException(409, "knowledge base '" + name + "' already exists");
    }
    ctx.status(201).json(info(bases(ctx).get(name)));
  }

  private void delete(Context ctx) {
    String name = ctx.pathParam("name");
    if (!bases(ctx).delete(name)) {
      throw new ApiException(404, "knowledge base '" + name + "' does not exist");
    }
    ctx.json(JSON.createObjectNode().put("result", true));
  }

  private static ObjectNode info(KnowledgeBase kb) {
    ObjectNode o = JSON.createObjectNode();
    o.put("language", kb.settings().language());
    o.put("chunk_tokens", kb.settings().chunkTokens());
    o.put("tokens", kb.totalTokens());
    o.put("answers", kb.answers());
    o.put("context_tokens", kb.contextTokens());
    ArrayNode docs = o.putArray("documents");
    for (KnowledgeBase.Source s : kb.sources()) {
      docs.addObject()
          .put("source", s.name())
          .put("title", s.title())
          .put("chunks", s.chunks())
          .put("tokens", s.tokens());
    }
    return o;
  }

  /** A safe file name: no folders, no dot files, ordinary characters only. */
  static String safeName(String name) {
    if (name == null || name.isBlank()) {
      throw ApiException.badRequest(
          "a document needs a file name (multipart filename or ?filename=)");
    }
    String base = name.replace('\\', '/');
    if (base.contains("/") || base.startsWith(".") || !FILE_NAME.matcher(base).matches()) {
      throw ApiException.badRequest(
          "file name '"
              + printable(name)
              + "' is not allowed; use a plain name like policy.pdf (no folders)");
    }
    int bytes = base.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    if (bytes > MAX_NAME_BYTES) { // file systems hold names of at most 255 bytes
      throw ApiException.badRequest(
          "file name '"
              + printable(name)
              + "' is "
              + bytes
              + " bytes long in UTF-8; use a name of at most "
              + MAX_NAME_BYTES
              + " bytes");
    }
    return base;
  }

  /**
   * Uploads documents. Each is read, extracted, counted and chunked first: a document over the
   * token limit refuses the whole upload (413) before any is ingested. Uploads of up to {@link
   * #SYNC_TOKENS} tokens are ingested at once and answered with what happened to each document;
   * larger ones, and any with {@code ?wait=false}, become a background job answered 202 with its id
   * and progress ({@code ?wait=true} waits for the job instead). The new documents' tokens are
   * charged to the caller's key and usage when the upload is accepted.
   */
  private void upload(Context ctx) throws IOException {
    KnowledgeBase kb = base(ctx);
    Boolean wait = waitParameter(ctx);
    String id = UUID.randomUUID().toString();
    Path spool = bases(ctx).uploads().resolve(id);
    boolean queued = false;
    try {
      List<Read> files = readAll(ctx, kb, spool);
      long tokens =
          files.stream()
              .filter(f -> f.prepared() != null)
              .mapToLong(f -> f.prepared().tokens())
              .sum();
      ctx.attribute(Tenancy.TOKENS, tokens);
      boolean nothingToRun = files.stream().allMatch(f -> f.prepared() == null);
      if (nothingToRun || (tokens <= SYNC_TOKENS && !Boolean.FALSE.equals(wait))) {
        ingestNow(ctx, kb, files);
      } else {
        startJob(ctx, kb, id, spool, files, Boolean.TRUE.equals(wait));
        queued = true;
      }
    } finally {
      if (!queued) {
        FileTrees.delete(spool);
      }
    }
  }

  /** Ingests an upload's documents while the caller waits. */
  private static void ingestNow(Context ctx, KnowledgeBase kb, List<Read> files) {
    List<KnowledgeBase.FileResult> results = new ArrayList<>();
    for (Read f : files) {
      results.add(
          f.prepared() != null ? kb.ingest(f.prepared(), PARALLELISM, done -> {}) : f.failure());
    }
    answer(ctx, results);
  }

  /**
   * Queues an upload's documents as a job, its files kept in {@code spool} until it ends; answers
   * 202 with the job, or, when {@code wait}, with the results once it ends.
   */
  private void startJob(
      Context ctx, KnowledgeBase kb, String id, Path spool, List<Read> files, boolean wait)
      throws IOException {
    String base = ctx.pathParam("name");
    JSON.writeValue(spool.resolve(SPOOL_JOB).toFile(), JSON.createObjectNode().put("base", base));
    List<KnowledgeBase.Prepared> prepared =
        files.stream().map(Read::prepared).filter(p -> p != null).toList();
    List<KnowledgeBase.FileResult> failed =
        files.stream().map(Read::failure).filter(f -> f != null).toList();
    IngestJobs.Job job;
    try {
      job =
          jobs.submit(
              new IngestJobs.Job(id, Caller.of(ctx).tenant(), base, kb, prepared, failed, spool));
    } catch (IngestJobs.Refused e) {
      ctx.attribute(Tenancy.TOKENS, 0L);
      ctx.header("Retry-After", Long.toString(e.seconds));
      throw e;
    }
    if (wait) {
      ctx.future(() -> job.done.thenAccept(j -> answer(ctx, j.results())));
      return;
    }
    ctx.status(202)
        .header("Location", "/kb/" + base + "/jobs/" + id)
        .json(JSON.createObjectNode().set("result", jobJson(job)));
  }

  /** An uploaded document: prepared for ingesting, or the failure that says why it cannot be. */
  private record Read(KnowledgeBase.Prepared prepared, KnowledgeBase.FileResult failure) {}

  /**
   * Reads every document of an upload into {@code spool} and prepares them, in order; nothing is
   * ingested yet.
   */
  private List<Read> readAll(Context ctx, KnowledgeBase kb, Path spool) throws IOException {
    List<Read> files = new ArrayList<>();
    String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
    if (type.startsWith("multipart/")) {
      List<UploadedFile> uploaded = uploadedFiles(ctx);
      if (uploaded.isEmpty()) {
        throw ApiException.badRequest("no 'file' field in the multipart body");
      }
      List<String> names = new ArrayList<>();
      for (UploadedFile f : uploaded) {
        names.add(safeName(f.filename())); // check every name before reading any
      }
      for (int i = 0; i < uploaded.size(); i++) {
        try (InputStream in = uploaded.get(i).content()) {
          files.add(prepare(kb, spool, names.get(i), in));
        }
      }
    } else {
      String name = safeName(ctx.queryParam("filename"));
      try (InputStream in = ctx.bodyInputStream()) {
        files.add(prepare(kb, spool, name, in));
      }
    }
    return files;
  }

  /**
   * Queues again the uploads accepted before the server last stopped that did not end; runs on the
   * job thread before any new upload's job.
   */
  private void resumeUploads() {
    for (String tenant : spaces.tenantsOnDisk()) {
      KnowledgeBases bases = spaces.knowledge(tenant);
      if (!Files.isDirectory(bases.uploads())) {
        continue;
      }
      try (Stream<Path> spools = Files.list(bases.uploads())) {
        for (Path spool : spools.sorted(Comparator.comparing(KnowledgeRoutes::accepted)).toList()) {
          resume(tenant, bases, spool);
        }
      } catch (IOException | RuntimeException e) {
        LOG.error("uploads of tenant {} waiting to be ingested were not resumed", tenant, e);
      }
    }
  }

  /** When an upload was accepted (its spool's job file was written); 0 when it was not. */
  private static long accepted(Path spool) {
    try {
      return Files.getLastModifiedTime(spool.resolve(SPOOL_JOB)).toMillis();
    } catch (IOException e) {
      return 0;
    }
  }

  private void resume(String tenant, KnowledgeBases bases, Path spool) throws IOException {
    Path job = spool.resolve(SPOOL_JOB);
    KnowledgeBase kb =
        Files.exists(job) ? bases.get(JSON.readTree(job.toFile()).path("base").asText()) : null;
    if (kb == null) { // an upload cut off before it was accepted, or a base since deleted
      FileTrees.delete(spool);
      return;
    }
    List<KnowledgeBase.Prepared> prepared = new ArrayList<>();
    List<KnowledgeBase.FileResult> failed = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> list = Files.list(spool)) {
      files = list.filter(f -> !f.getFileName().toString().startsWith(".")).sorted().toList();
    }
    for (Path f : files) {
      String name = f.getFileName().toString();
      try {
        prepared.add(kb.prepare(f, name, maxDocumentTokens));
      } catch (KnowledgeException e) {
        failed.add(new KnowledgeBase.FileResult(name, "failed", 0, 0, e.getMessage()));
      }
    }
    String base = JSON.readTree(job.toFile()).path("base").asText();
    jobs.resume(
        new IngestJobs.Job(
            spool.getFileName().toString(), tenant, base, kb, prepared, failed, spool));
    LOG.info(
        "resumed upload {} into knowledge base {} of tenant {}", spool.getFileName(), base, tenant);
  }

  /** Answers an ingest's results: 200, or 422 (one document) or 207 (several) when any failed. */
  private static void answer(Context ctx, List<KnowledgeBase.FileResult> results) {
    ArrayNode out = JSON.createArrayNode();
    results.forEach(r -> out.add(resultJson(r)));
    boolean failed = results.stream().anyMatch(r -> r.error() != null);
    ctx.status(failed ? (results.size() == 1 ? 422 : 207) : 200)
        .json(JSON.createObjectNode().set("result", out));
  }

  private static Boolean waitParameter(Context ctx) {
    String w = ctx.queryParam("wait");
    if (w == null) {
      return null;
    }
    return switch (w.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw ApiException.badRequest(
              "wait must be true or false, got '"
                  + w
                  + "'; omit it to wait for small uploads only");
    };
  }

  /** The multipart body's {@code file} parts; a 400 when the body is not well-formed multipart. */
  private static List<UploadedFile> uploadedFiles(Context ctx) {
    try {
      return ctx.uploadedFiles("file");
    } catch (ApiException e) {
      throw e;
    } catch (Exception e) { // Jetty's parser: incomplete parts, no closing boundary
      throw ApiException.badRequest(
          "the multipart body is malformed; end every part with the boundary and the body with"
              + " the closing boundary (--BOUNDARY--)");
    }
  }

  private static String printable(String s) {
    return HttpEdge.printable(s, 60);
  }

  /**
   * Reads an uploaded document into a temporary file and prepares it; one over the token limit
   * refuses the upload (413).
   */
  private Read prepare(KnowledgeBase kb, Path spool, String name, InputStream in)
      throws IOException {
    Files.createDirectories(spool);
    Path file = spool.resolve(name);
    try {
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      return new Read(kb.prepare(file, name, maxDocumentTokens), null);
    } catch (DocumentTooLargeException e) {
      throw new ApiException(413, e.getMessage());
    } catch (KnowledgeException e) {
      return new Read(null, new KnowledgeBase.FileResult(name, "failed", 0, 0, e.getMessage()));
    }
  }

  private static ObjectNode resultJson(KnowledgeBase.FileResult r) {
    ObjectNode o = JSON.createObjectNode();
    o.put("source", r.source())
        .put("status", r.status())
        .put("chunks", r.chunks())
        .put("tokens", r.tokens());
    if (r.error() != null) {
      o.put("error", r.error());
    }
    return o;
  }

  private static ObjectNode jobJson(IngestJobs.Job j) {
    ObjectNode o = JSON.createObjectNode();
    o.put("id", j.id);
    o.put("knowledge_base", j.base);
    o.put("status", j.state().name().toLowerCase(Locale.ROOT));
    o.put("chunks_done", j.chunksDone());
    o.put("chunks_total", j.chunksTotal);
    o.put("tokens", j.tokens);
    o.put("created", j.created.toString());
    o.put("finished", j.finished() == null ? null : j.finished().toString());
    o.put("error", j.error());
    ArrayNode docs = o.putArray("documents");
    j.results().forEach(r -> docs.add(resultJson(r)));
    return o;
  }

  private void job(Context ctx) {
    String id = ctx.pathParam("id");
    IngestJobs.Job j = jobs.find(Caller.of(ctx).tenant(), ctx.pathParam("name"), id);
    if (j == null) {
      throw new ApiException(
          404,
          "no upload job '"
              + id
              + "' for knowledge base '"
              + ctx.pathParam("name")
              + "'; list them with GET /kb/"
              + ctx.pathParam("name")
              + "/jobs (finished jobs are kept "
              + IngestJobs.KEEP_MINUTES
              + " minutes)");
    }
    ctx.json(JSON.createObjectNode().set("result", jobJson(j)));
  }

  private void listJobs(Context ctx) {
    ArrayNode out = JSON.createArrayNode();
    jobs.list(Caller.of(ctx).tenant(), ctx.pathParam("name")).forEach(j -> out.add(jobJson(j)));
    ctx.json(JSON.createObjectNode().set("result", out));
  }

  private void remove(Context ctx) {
    KnowledgeBase kb = base(ctx);
    String source = ctx.queryParam("source");
    if (source == null || source.isBlank()) {
      throw ApiException.badRequest("name the document to remove: ?source=NAME");
    }
    if (!kb.remove(source)) {
      throw new ApiException(404, "no document '" + source + "' in this knowledge base");
    }
    ctx.json(JSON.createObjectNode().put("result", true));
  }

  private void search(Context ctx) {
    KnowledgeBase kb = base(ctx);
    JsonNode body = JsonBodies.object(ctx);
    JsonBodies.checkFields(body, "search request", SEARCH_FIELDS);
    String query = JsonBodies.text(body, "query", "");
    int limit = limit(body, 5);
    HybridIndex.Mode mode;
    try {
      mode =
          HybridIndex.Mode.valueOf(
              JsonBodies.text(body, "mode", "hybrid").toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("mode must be hybrid, bm25 or dense");
    }
    String source = JsonBodies.text(body, "source", null);
    ArrayNode out = JSON.createArrayNode();
    for (KnowledgeBase.Passage p : kb.search(query, limit, mode, source)) {
      ObjectNode o = out.addObject();
      o.put("source", p.chunk().source());
      o.set("titles", JSON.valueToTree(p.chunk().titles()));
      o.put("start", p.chunk().start()).put("end", p.chunk().end());
      o.put("score", p.score());
      o.put("text", p.chunk().text());
      o.put("citation", p.chunk().citation());
    }
    ctx.json(JSON.createObjectNode().set("result", out));
  }

  private static int limit(JsonNode body, int fallback) {
    int limit = JsonBodies.integer(body, "limit", fallback);
    if (limit < 1 || limit > 50) {
      throw ApiException.badRequest("limit must be a whole number from 1 to 50, got " + limit);
    }
    return limit;
  }

  private void ask(Context ctx) {
    KnowledgeBase kb = base(ctx);
    JsonNode body = JsonBodies.object(ctx);
    JsonBodies.checkFields(body, "ask request", ASK_FIELDS);
    String question = JsonBodies.text(body, "question", "");
    if (question.isBlank()) {
      throw ApiException.badRequest("the question is empty; send {\"question\":\"...\"}");
    }
    Answerer.Answer a = new Answerer(kb, llm).ask(question, limit(body, 3));
    ObjectNode o = JSON.createObjectNode();
    o.put("question", a.question());
    o.put("answer", a.answer());
    o.put("mode", a.mode());
    o.set("citations", JSON.valueToTree(a.citations()));
    o.put("context_tokens", a.contextTokens());
    ctx.attribute(Tenancy.TOKENS, a.contextTokens());
    o.put("knowledge_base_tokens", a.knowledgeBaseTokens());
    ctx.json(JSON.createObjectNode().set("result", o));
  }
}
