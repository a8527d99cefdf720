package dev.scion.server.knowledge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scion.knowledge.Answerer;
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
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Knowledge bases over HTTP: create, list and delete bases; upload (multipart {@code file} fields,
 * or a raw body with {@code ?filename=}), list and remove documents; search; ask.
 */
public final class KnowledgeRoutes {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern FILE_NAME = Pattern.compile("[\\p{L}\\p{N} ._()+-]{1,200}");
  private static final int MAX_NAME_BYTES = 200;
  private static final Set<String> CREATE_FIELDS = Set.of("language", "chunk_tokens");
  private static final Set<String> SEARCH_FIELDS = Set.of("query", "limit", "mode", "source");
  private static final Set<String> ASK_FIELDS = Set.of("question", "limit");

  private final TenantSpaces spaces;
  private final ChatClient llm;

  /** {@code llm} may be null: answers are then extractive. */
  public KnowledgeRoutes(TenantSpaces spaces, ChatClient llm) {
    this.spaces = spaces;
    this.llm = llm;
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

  private void upload(Context ctx) throws IOException {
    KnowledgeBase kb = base(ctx);
    List<ObjectNode> results = new ArrayList<>();
    boolean failed = false;
    String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
    if (type.startsWith("multipart/")) {
      List<UploadedFile> files = uploadedFiles(ctx);
      if (files.isEmpty()) {
        throw ApiException.badRequest("no 'file' field in the multipart body");
      }
      List<String> names = new ArrayList<>();
      for (UploadedFile f : files) {
        names.add(safeName(f.filename())); // check every name before ingesting any
      }
      for (int i = 0; i < files.size(); i++) {
        try (InputStream in = files.get(i).content()) {
          ObjectNode r = ingest(kb, names.get(i), in);
          failed |= r.has("error");
          results.add(r);
        }
      }
    } else {
      String name = safeName(ctx.queryParam("filename"));
      try (InputStream in = ctx.bodyInputStream()) {
        ObjectNode r = ingest(kb, name, in);
        failed |= r.has("error");
        results.add(r);
      }
    }
    ObjectNode out = JSON.createObjectNode();
    out.set("result", JSON.valueToTree(results));
    ctx.status(failed ? (results.size() == 1 ? 422 : 207) : 200).json(out);
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

  private static ObjectNode ingest(KnowledgeBase kb, String name, InputStream in)
      throws IOException {
    Path dir = Files.createTempDirectory("scion-upload");
    Path file = dir.resolve(name);
    try {
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      KnowledgeBase.FileResult r = kb.ingestFile(file, name);
      ObjectNode o = JSON.createObjectNode();
      o.put("source", r.source())
          .put("status", r.status())
          .put("chunks", r.chunks())
          .put("tokens", r.tokens());
      if (r.error() != null) {
        o.put("error", r.error());
      }
      return o;
    } finally {
      Files.deleteIfExists(file);
      Files.deleteIfExists(dir);
    }
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
