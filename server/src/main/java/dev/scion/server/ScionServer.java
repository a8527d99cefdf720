package dev.scion.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scion.dialog.Pack;
import dev.scion.forms.FormRuntime;
import dev.scion.knowledge.KnowledgeBases;
import dev.scion.models.ChatClient;
import dev.scion.models.Encoders;
import dev.scion.models.LlmConfig;
import dev.scion.models.ModelException;
import dev.scion.server.forms.FormRoutes;
import dev.scion.server.knowledge.KnowledgeRoutes;
import dev.scion.server.openai.OpenAiRoutes;
import dev.scion.server.vector.VectorRoutes;
import dev.scion.vector.AlreadyExistsException;
import dev.scion.vector.InvalidInputException;
import dev.scion.vector.NotFoundException;
import dev.scion.vector.VectorDatabase;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Scion HTTP server. Start with {@link #start}; {@link #close} stops it and the database. */
public final class ScionServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger("scion.http");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Javalin app;
  private final VectorDatabase database;
  private final Encoders encoders;

  private final KnowledgeBases knowledge;
  private final java.util.Map<String, Pack> packs;
  private final FormRuntime forms;

  private ScionServer(
      Javalin app,
      VectorDatabase database,
      Encoders encoders,
      KnowledgeBases knowledge,
      java.util.Map<String, Pack> packs,
      FormRuntime forms) {
    this.forms = forms;
    this.knowledge = knowledge;
    this.packs = packs;
    this.app = app;
    this.database = database;
    this.encoders = encoders;
  }

  /** Opens the database under {@code config.dataDir()} and starts serving. */
  public static ScionServer start(ServerConfig config) {
    byte[] keyHash = config.apiKey() == null ? null : sha256(config.apiKey());
    if (keyHash == null && !isLoopback(config.host())) {
      throw new IllegalArgumentException(
          "binding to "
              + config.host()
              + " exposes the server beyond this machine; set SCION_API_KEY (or --api-key) first");
    }
    VectorDatabase database = VectorDatabase.open(config.dataDir());
    Encoders encoders = new Encoders(Runtime.getRuntime().availableProcessors(), 10_000);
    // the request logger is configured before the routes exist; it finds the metrics here
    java.util.concurrent.atomic.AtomicReference<Metrics> metricsRef =
        new java.util.concurrent.atomic.AtomicReference<>();
    Javalin app =
        Javalin.create(
            c -> {
              c.showJavalinBanner = false;
              c.http.maxRequestSize = config.maxBodyBytes();
              c.jsonMapper(new JavalinJackson(JSON, false));
              c.requestLogger.http(
                  (ctx, ms) -> {
                    LOG.info(
                        "{} {} {} {}ms",
                        ctx.method(),
                        ctx.path(),
                        ctx.statusCode(),
                        String.format(Locale.ROOT, "%.1f", ms));
                    Metrics m = metricsRef.get();
                    if (m != null) {
                      m.record(ctx, ms);
                    }
                  });
            });
    app.before(ctx -> ctx.attribute("start", System.nanoTime()));
    if (keyHash != null) {
      app.before(ctx -> checkKey(ctx, keyHash));
    }
    app.get("/health/live", ctx -> ctx.json(JSON.createObjectNode().put("status", "UP")));
    app.get("/health/ready", ctx -> ctx.json(JSON.createObjectNode().put("status", "UP")));
    app.get("/healthz", ctx -> ctx.result("healthz check passed"));
    app.get("/readyz", ctx -> ctx.result("all shards are ready"));
    app.get(
        "/",
        ctx -> ctx.json(JSON.createObjectNode().put("title", "scion").put("version", version())));
    new VectorRoutes(database).register(app);
    java.util.Map<String, Pack> packs = new java.util.LinkedHashMap<>();
    ChatClient llm =
        LlmConfig.fromEnvironment(System.getenv())
            .map(c -> new ChatClient(c, java.time.Duration.ofSeconds(60)))
            .orElse(null);
    try {
      for (Path dir : config.packs()) {
        Pack p = Pack.open(dir, config.dataDir(), line -> LOG.info(line), llm);
        packs.put(p.name(), p);
      }
    } catch (RuntimeException e) {
      packs.values().forEach(Pack::close);
      database.close();
      encoders.close();
      throw e;
    }
    new OpenAiRoutes(encoders, packs).register(app);
    KnowledgeBases knowledge =
        new KnowledgeBases(
            config.dataDir().resolve("knowledge"), encoders::get, config.maxBodyBytes());
    new KnowledgeRoutes(knowledge, llm).register(app);
    Metrics metrics = new Metrics(database, knowledge);
    metrics.register(app);
    metricsRef.set(metrics);
    FormRuntime forms = FormRuntime.inDataFolder(config.dataDir());
    new FormRoutes(forms).register(app);
    registerErrors(app);
    try {
      app.start(config.host(), config.port());
    } catch (RuntimeException e) {
      forms.close();
      packs.values().forEach(Pack::close);
      knowledge.close();
      database.close();
      encoders.close();
      throw e;
    }
    return new ScionServer(app, database, encoders, knowledge, packs, forms);
  }

  public int port() {
    return app.port();
  }

  public VectorDatabase database() {
    return database;
  }

  /** The workflow engine the forms API runs on. */
  public FormRuntime forms() {
    return forms;
  }

  @Override
  public void close() {
    app.stop();
    forms.close();
    packs.values().forEach(Pack::close);
    knowledge.close();
    database.close();
    encoders.close();
  }

  private static void registerErrors(Javalin app) {
    app.exception(ApiException.class, (e, ctx) -> error(ctx, e.status(), e.getMessage()));
    app.exception(InvalidInputException.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
    app.exception(NotFoundException.class, (e, ctx) -> error(ctx, 404, e.getMessage()));
    app.exception(ModelException.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
    app.exception(AlreadyExistsException.class, (e, ctx) -> error(ctx, 409, e.getMessage()));
    app.exception(
        JsonProcessingException.class,
        (e, ctx) ->
            error(
                ctx,
                400,
                "request body is not valid JSON: "
                    + e.getOriginalMessage()
                    + "; send a JSON object"));
    app.exception(
        HttpResponseException.class,
        (e, ctx) -> error(ctx, e.getStatus(), describe(e.getStatus(), e.getMessage(), ctx)));
    app.exception(
        Exception.class,
        (e, ctx) -> {
          LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
          error(ctx, 500, "internal error: " + e.getMessage());
        });
    for (int status : new int[] {404, 405}) {
      app.error(
          status,
          ctx -> {
            if (ctx.attribute("scion.error") == null) {
              error(ctx, status, describe(status, "", ctx));
            }
          });
    }
  }

  private static String describe(int status, String message, Context ctx) {
    return switch (status) {
      case 404 ->
          "no route " + ctx.method() + " " + ctx.path() + "; see docs/vector-api.md for the routes";
      case 405 -> "method " + ctx.method() + " is not allowed on " + ctx.path();
      case 413 -> "request body is larger than the limit; send smaller batches";
      default -> message;
    };
  }

  /**
   * Answers with the error envelope of the API the path belongs to: OpenAI's under {@code /v1/},
   * Qdrant's elsewhere.
   */
  public static void error(Context ctx, int status, String message) {
    ctx.attribute("scion.error", message);
    if (ctx.path().startsWith("/v1/")) {
      ObjectNode body = JSON.createObjectNode();
      ObjectNode error = body.putObject("error");
      error.put("message", message);
      error.put(
          "type",
          status == 401
              ? "authentication_error"
              : status == 404
                  ? "not_found_error"
                  : status >= 500 ? "server_error" : "invalid_request_error");
      error.putNull("param");
      error.putNull("code");
      ctx.status(status).json(body);
      return;
    }
    ObjectNode body = JSON.createObjectNode();
    body.putObject("status").put("error", message);
    body.put("time", elapsed(ctx));
    ctx.status(status).json(body);
  }

  /** Seconds since the request started, for Qdrant's {@code time} field. */
  public static double elapsed(Context ctx) {
    Long start = ctx.attribute("start");
    return start == null ? 0 : (System.nanoTime() - start) / 1e9;
  }

  private static void checkKey(Context ctx, byte[] keyHash) {
    if (ctx.path().startsWith("/health")
        || ctx.path().equals("/healthz")
        || ctx.path().equals("/readyz")) {
      return;
    }
    String key = ctx.header("api-key");
    String auth = ctx.header("Authorization");
    if (key == null && auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
      key = auth.substring(7).trim();
    }
    if (key == null || !MessageDigest.isEqual(sha256(key), keyHash)) {
      throw new ApiException(
          401,
          key == null
              ? "missing API key; send header 'api-key: <key>' or 'Authorization: Bearer <key>'"
              : "invalid API key");
    }
  }

  static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static boolean isLoopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(
          "unknown host '" + host + "'; give an IP address or a resolvable name");
    }
  }

  static String version() {
    String v = ScionServer.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  /**
   * Runs a bare server: {@code --host H --port P --data DIR}. Prints {@code listening on port N}
   * once ready. The {@code scion} command line is the usual way in; this entry point serves tests
   * that need a server in a process of its own.
   */
  public static void main(String[] args) {
    String host = "127.0.0.1";
    int port = 6333;
    Path data = Path.of("scion-data");
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--host" -> host = args[i + 1];
        case "--port" -> port = Integer.parseInt(args[i + 1]);
        case "--data" -> data = Path.of(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    ScionServer server =
        start(
            new ServerConfig(
                host, port, data, System.getenv("SCION_API_KEY"), ServerConfig.DEFAULT_MAX_BODY));
    Runtime.getRuntime().addShutdownHook(new Thread(null, server::close, "scion-shutdown"));
    System.out.println("listening on port " + server.port());
    System.out.flush();
  }
}
