package dev.scion.server;

import static dev.scion.server.tenancy.Access.PUBLIC;

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
import dev.scion.server.packs.PackRoutes;
import dev.scion.server.packs.Retraining;
import dev.scion.server.tenancy.Caller;
import dev.scion.server.tenancy.Platform;
import dev.scion.server.tenancy.Tenancy;
import dev.scion.server.tenancy.TenantSpaces;
import dev.scion.server.vector.VectorRoutes;
import dev.scion.vector.AlreadyExistsException;
import dev.scion.vector.CollectionUnavailableException;
import dev.scion.vector.InvalidInputException;
import dev.scion.vector.NotFoundException;
import dev.scion.vector.VectorDatabase;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Scion HTTP server. Start with {@link #start}; {@link #close} stops it and the database. */
public final class ScionServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger("scion.http");
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The console's files: scripts, styles and requests from the server itself only, no framing, no
   * guessing of content types.
   */
  private static final Map<String, String> CONSOLE_HEADERS =
      Map.of(
          "Content-Security-Policy",
          "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
              + " connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
          "X-Content-Type-Options",
          "nosniff",
          "X-Frame-Options",
          "DENY",
          "Referrer-Policy",
          "no-referrer",
          "Cache-Control",
          "max-age=0");

  /** The answer to a failure of the server's own: the details go to the log, not to the client. */
  private static final String INTERNAL_ERROR =
      "internal error; the server's log has the details, please report it";

  private final Javalin app;
  private final VectorDatabase database;
  private final Tenancy tenancy;
  private final FormRuntime forms;
  private final List<AutoCloseable> opened;

  private ScionServer(
      Javalin app,
      VectorDatabase database,
      Tenancy tenancy,
      FormRuntime forms,
      List<AutoCloseable> opened) {
    this.app = app;
    this.database = database;
    this.tenancy = tenancy;
    this.forms = forms;
    this.opened = opened;
  }

  /** Opens the database under {@code config.dataDir()} and starts serving. */
  public static ScionServer start(ServerConfig config) {
    if (config.adminKey() == null && !isLoopback(config.host())) {
      throw new IllegalArgumentException(
          "binding to "
              + config.host()
              + " exposes the server beyond this machine; set SCION_ADMIN_KEY (or --admin-key) first");
    }
    List<AutoCloseable> opened = new ArrayList<>();
    try {
      return start(config, opened);
    } catch (RuntimeException e) {
      closeAll(opened);
      throw e;
    }
  }

  private static ScionServer start(ServerConfig config, List<AutoCloseable> opened) {
    ownerOnly(config.dataDir());
    VectorDatabase database = opened(opened, VectorDatabase.open(config.dataDir()));
    Encoders encoders =
        opened(opened, new Encoders(Runtime.getRuntime().availableProcessors(), 10_000));
    Platform platform =
        opened(
            opened,
            config.databaseUrl() == null
                ? Platform.inDataFolder(config.dataDir())
                : Platform.open(
                    config.databaseUrl(), config.databaseUser(), config.databasePassword()));
    // the forms' timers (a step's time-out) fire on Flowable's job executor; on a shared database
    // every server runs one, and each timer fires once, on whichever server takes it first
    FormRuntime.Jobs jobs = FormRuntime.Jobs.of(FormRuntime.Jobs.thisNode());
    LOG.info("forms timers run here as node {}", jobs.node());
    FormRuntime forms =
        opened(
            opened,
            config.databaseUrl() == null
                ? FormRuntime.inDataFolder(config.dataDir(), jobs)
                : platform.oneServerAtATime( // Flowable makes its tables in the same database
                    () ->
                        FormRuntime.open(
                            config.databaseUrl(),
                            config.databaseUser(),
                            config.databasePassword(),
                            jobs)));
    KnowledgeBases knowledge =
        opened(
            opened,
            new KnowledgeBases(
                config.dataDir().resolve("knowledge"), encoders::get, config.maxBodyBytes()));
    TenantSpaces spaces =
        new TenantSpaces(
            config.dataDir(), database, knowledge, forms, encoders::get, config.maxBodyBytes());
    Tenancy tenancy = opened(opened, new Tenancy(platform, config.adminKey(), spaces));
    ChatClient llm =
        LlmConfig.fromEnvironment(System.getenv())
            .map(c -> new ChatClient(c, java.time.Duration.ofSeconds(60)))
            .orElse(null);
    Map<String, Pack> packs = new LinkedHashMap<>();
    for (Path dir : config.packs()) {
      Pack p = opened(opened, Pack.open(dir, config.dataDir(), line -> LOG.info(line), llm));
      packs.put(p.name(), p);
    }
    Metrics metrics = new Metrics(tenancy);
    Javalin app =
        Javalin.create(
            c -> {
              c.showJavalinBanner = false;
              c.http.maxRequestSize = config.maxBodyBytes();
              c.http.prefer405over404 = true; // a known path with another method: 405 and Allow
              HttpEdge.configure(c, config.idleTimeoutSeconds());
              c.jsonMapper(new JavalinJackson(JSON, false));
              c.staticFiles.add(
                  s -> {
                    s.hostedPath = "/console";
                    s.directory = "/console";
                    s.location = Location.CLASSPATH;
                    s.roles = java.util.Set.of(PUBLIC);
                    s.headers = CONSOLE_HEADERS;
                  });
              c.requestLogger.http(
                  (ctx, ms) -> {
                    Caller caller = Caller.of(ctx);
                    if (LOG.isInfoEnabled()) {
                      LOG.info(
                          "{} {} {} {}ms tenant={} key={}",
                          ctx.method(),
                          ctx.path(),
                          ctx.statusCode(),
                          String.format(Locale.ROOT, "%.1f", ms),
                          caller.tenant(),
                          caller.keyId() != null ? caller.keyId() : caller.admin() ? "admin" : "-");
                    }
                    tenancy.finished(ctx);
                    metrics.record(ctx, ms);
                  });
            });
    app.before(ctx -> ctx.attribute("start", System.nanoTime()));
    tenancy.register(app);
    app.get("/health/live", ctx -> ctx.json(JSON.createObjectNode().put("status", "UP")), PUBLIC);
    app.get("/health/ready", ctx -> ctx.json(JSON.createObjectNode().put("status", "UP")), PUBLIC);
    app.get("/healthz", ctx -> ctx.result("healthz check passed"), PUBLIC);
    app.get("/readyz", ctx -> ctx.result("all shards are ready"), PUBLIC);
    for (String health : List.of("/health/live", "/health/ready", "/healthz", "/readyz")) {
      app.head(health, ctx -> ctx.status(200), PUBLIC); // load balancers' checks, without a key
    }
    app.get(
        "/",
        ctx -> ctx.json(JSON.createObjectNode().put("title", "scion").put("version", version())));
    new VectorRoutes(spaces).register(app);
    Retraining retraining =
        opened(
            opened,
            new Retraining(packs, platform.examples(), platform.versions(), config.dataDir()));
    new OpenAiRoutes(encoders, packs, platform.conversations(), platform.turns(), retraining)
        .register(app);
    new PackRoutes(retraining, platform.examples(), platform.versions()).register(app);
    opened(opened, new KnowledgeRoutes(spaces, llm, config.maxDocumentTokens())).register(app);
    metrics.register(app);
    new FormRoutes(spaces, platform.directory()).register(app);
    registerErrors(app);
    app.start(config.host(), config.port());
    for (var connector : app.jettyServer().server().getConnectors()) {
      if (connector instanceof org.eclipse.jetty.server.AbstractConnector c) {
        c.setIdleTimeout(config.idleTimeoutSeconds() * 1000L); // slow clients are cut off
      }
    }
    return new ScionServer(app, database, tenancy, forms, opened);
  }

  /**
   * Makes the data folder readable by its owner only (created so when new), so that collections,
   * knowledge bases, snapshots and the embedded databases' files are nobody else's to read.
   */
  private static void ownerOnly(Path dataDir) {
    try {
      Files.createDirectories(dataDir);
      if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwx------"));
      }
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot use the data folder "
              + dataDir
              + " ("
              + e.getMessage()
              + "); give --data a folder"
              + " this user may write");
    }
  }

  private static <T extends AutoCloseable> T opened(List<AutoCloseable> opened, T resource) {
    opened.add(resource);
    return resource;
  }

  /** Closes in the reverse order of opening. */
  private static void closeAll(List<AutoCloseable> opened) {
    for (int i = opened.size() - 1; i >= 0; i--) {
      try {
        opened.get(i).close();
      } catch (Exception e) {
        LOG.warn("closing {} failed: {}", opened.get(i).getClass().getSimpleName(), e.getMessage());
      }
    }
  }

  /** The routes served, as {@code METHOD /path/{param}}: for tests that go over every route. */
  List<String> routes() {
    return app.unsafeConfig().pvt.internalRouter.allHttpHandlers().stream()
        .map(p -> p.getEndpoint())
        .filter(e -> e.getMethod().isHttpMethod())
        .map(e -> e.getMethod().name() + " " + e.getPath())
        .toList();
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

  /** Tenants, keys and usage. */
  public Tenancy tenancy() {
    return tenancy;
  }

  @Override
  public void close() {
    app.stop();
    closeAll(opened);
  }

  private static void registerErrors(Javalin app) {
    app.exception(ApiException.class, (e, ctx) -> error(ctx, e.status(), e.getMessage()));
    app.exception(InvalidInputException.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
    app.exception(NotFoundException.class, (e, ctx) -> error(ctx, 404, e.getMessage()));
    app.exception(ModelException.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
    app.exception(AlreadyExistsException.class, (e, ctx) -> error(ctx, 409, e.getMessage()));
    app.exception(
        CollectionUnavailableException.class, (e, ctx) -> error(ctx, 409, e.getMessage()));
    app.exception(
        JsonProcessingException.class, (e, ctx) -> error(ctx, 400, JsonBodies.problem(e)));
    app.exception(
        HttpResponseException.class,
        (e, ctx) -> {
          String allowed = e.getDetails().get("availableMethods");
          if (e.getStatus() == 405 && allowed != null) {
            ctx.header("Allow", allowed);
            error(
                ctx,
                405,
                "method "
                    + ctx.method()
                    + " is not allowed on "
                    + HttpEdge.printable(ctx.path(), 200)
                    + "; use "
                    + allowed);
            return;
          }
          error(ctx, e.getStatus(), describe(e.getStatus(), e.getMessage(), ctx));
        });
    app.exception(
        Exception.class,
        (e, ctx) -> {
          LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
          error(ctx, 500, INTERNAL_ERROR);
        });
    // 400: the client broke its body off; 408: its body stopped arriving (see HttpEdge)
    for (int status : new int[] {400, 404, 405, 408}) {
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
          "no route "
              + ctx.method()
              + " "
              + HttpEdge.printable(ctx.path(), 200)
              + "; see docs/vector-api.md for the routes";
      case 400 ->
          message == null || message.isEmpty() || message.equals("Bad Request")
              ? "the request body ended before its announced length; send all of it"
              : message;
      case 405 ->
          "method " + ctx.method() + " is not allowed on " + HttpEdge.printable(ctx.path(), 200);
      case 408 -> HttpEdge.describe(408, null);
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
    ctx.status(status).json(errorBody(ctx.path(), status, message, elapsed(ctx)));
  }

  /**
   * The error envelope for a request to {@code path}: OpenAI's under {@code /v1/}, Qdrant's
   * elsewhere; {@code seconds} is how long the request took.
   */
  static ObjectNode errorBody(String path, int status, String message, double seconds) {
    if (path != null && path.startsWith("/v1/")) {
      ObjectNode body = JSON.createObjectNode();
      ObjectNode error = body.putObject("error");
      error.put("message", message);
      error.put(
          "type",
          switch (status) {
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 429 -> "rate_limit_error";
            default -> status >= 500 ? "server_error" : "invalid_request_error";
          });
      error.putNull("param");
      if (status == 429) {
        error.put("code", "rate_limit_exceeded");
      } else {
        error.putNull("code");
      }
      return body;
    }
    ObjectNode body = JSON.createObjectNode();
    body.putObject("status").put("error", message);
    body.put("time", seconds);
    return body;
  }

  /** Seconds since the request started, for Qdrant's {@code time} field. */
  public static double elapsed(Context ctx) {
    Long start = ctx.attribute("start");
    return start == null ? 0 : (System.nanoTime() - start) / 1e9;
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
   * Runs a bare server: {@code --host H --port P --data DIR [--db-url URL --db-user U] [--pack
   * DIR]...} (the database password from {@code SCION_DB_PASSWORD}). Prints {@code listening on
   * port N} once ready. The {@code scion} command line is the usual way in; this entry point serves
   * tests that need a server in a process of its own.
   */
  public static void main(String[] args) {
    String host = "127.0.0.1";
    int port = 6333;
    Path data = Path.of("scion-data");
    String dbUrl = null;
    String dbUser = null;
    List<Path> packs = new ArrayList<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--host" -> host = args[i + 1];
        case "--port" -> port = Integer.parseInt(args[i + 1]);
        case "--data" -> data = Path.of(args[i + 1]);
        case "--db-url" -> dbUrl = args[i + 1];
        case "--db-user" -> dbUser = args[i + 1];
        case "--pack" -> packs.add(Path.of(args[i + 1]));
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    ServerConfig config =
        new ServerConfig(
                host, port, data, System.getenv("SCION_ADMIN_KEY"), ServerConfig.DEFAULT_MAX_BODY)
            .withPacks(packs);
    if (dbUrl != null) {
      config = config.withDatabase(dbUrl, dbUser, System.getenv("SCION_DB_PASSWORD"));
    }
    ScionServer server = start(config);
    Runtime.getRuntime().addShutdownHook(new Thread(null, server::close, "scion-shutdown"));
    System.out.println("listening on port " + server.port());
    System.out.flush();
  }
}
