package dev.scion.server.tenancy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scion.server.ApiException;
import dev.scion.server.HttpEdge;
import dev.scion.server.JsonBodies;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Tenants, keys, limits and usage over HTTP. Every request but health checks and the console's
 * static files names its caller: the administrator (the key of {@code SCION_ADMIN_KEY}) or a
 * tenant's key. Without an administrator key the server is open: every caller is the administrator
 * of the default tenant, and tenants cannot be managed. Routes: {@code /admin/tenants…} for the
 * administrator, {@code GET /usage} and {@code GET /whoami} for everyone.
 */
public final class Tenancy implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KEY_ATTRIBUTE = "scion.key";

  /** The request attribute a handler sets to the tokens its answer used (a {@link Number}). */
  public static final String TOKENS = "scion.tokens";

  private static final int MAX_MINUTES = 7 * 24 * 60;
  private static final long HOLD_MILLIS = 1000;

  /**
   * How often, in milliseconds, each server asks the database whether keys changed (one small
   * query): a key made or revoked, or a tenant deleted, on one server takes effect on every server
   * on the same database within this time and the reading of the keys.
   */
  public static final int KEY_POLL_MILLIS = 250;

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger("scion.tenancy");
  private static final int MAX_HELD = 4096;
  private static final String SLOT_ATTRIBUTE = "scion.slot";

  /** How many requests one key may have in progress at once. */
  public static final int MAX_IN_PROGRESS = 64;

  private final java.util.concurrent.ConcurrentMap<
          String, java.util.concurrent.atomic.AtomicInteger>
      inProgress = new java.util.concurrent.ConcurrentHashMap<>();

  private final java.util.concurrent.atomic.AtomicInteger held =
      new java.util.concurrent.atomic.AtomicInteger();
  private final java.util.concurrent.ScheduledExecutorService scheduler =
      java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "scion-tenancy");
            t.setDaemon(true);
            return t;
          });

  private final Platform platform;
  private final String adminKeyHash;
  private final RateLimiter limiter;
  private final UsageMeter usage;
  private final TenantSpaces spaces;
  private final QuestionClusters questions;

  /**
   * @param adminKey the administrator's key, or null to run open (loopback only)
   */
  public Tenancy(Platform platform, String adminKey, TenantSpaces spaces) {
    this.platform = platform;
    this.adminKeyHash = adminKey == null ? null : Platform.sha256(adminKey);
    this.spaces = spaces;
    this.questions = new QuestionClusters(spaces.encoders());
    this.usage = new UsageMeter(platform);
    this.limiter = platform.limiter();
    scheduler.scheduleWithFixedDelay(
        this::refreshKeys, KEY_POLL_MILLIS, KEY_POLL_MILLIS, TimeUnit.MILLISECONDS);
  }

  private void refreshKeys() {
    try {
      platform.refreshKeysIfChanged();
    } catch (RuntimeException e) {
      if (keysFailing.getAndIncrement() % 240 == 0) { // once a minute while the database is away
        LOG.warn("keys not refreshed: {}", e.getMessage());
      }
      return;
    }
    keysFailing.set(0);
  }

  private final java.util.concurrent.atomic.AtomicLong keysFailing =
      new java.util.concurrent.atomic.AtomicLong();

  public Platform platform() {
    return platform;
  }

  public TenantSpaces spaces() {
    return spaces;
  }

  /** Whether callers must send a key. */
  public boolean keysRequired() {
    return adminKeyHash != null;
  }

  public void register(Javalin app) {
    app.beforeMatched(this::authorize);
    app.get("/whoami", this::whoami);
    app.get("/usage", ctx -> ctx.json(usageJson(Caller.of(ctx).tenant(), minutes(ctx))));
    app.get("/analytics", this::analytics);
    app.get("/analytics/turns", this::analyticsTurns);
    app.get("/admin/tenants", this::listTenants, Access.MANAGEMENT);
    app.post("/admin/tenants", this::createTenant, Access.MANAGEMENT);
    app.delete("/admin/tenants/{tenant}", this::deleteTenant, Access.MANAGEMENT);
    app.get(
        "/admin/tenants/{tenant}/usage",
        ctx -> ctx.json(usageJson(existing(ctx).id(), minutes(ctx))),
        Access.MANAGEMENT);
    app.get("/admin/tenants/{tenant}/keys", this::listKeys, Access.MANAGEMENT);
    app.post("/admin/tenants/{tenant}/keys", this::createKey, Access.MANAGEMENT);
    app.delete(
        "/admin/tenants/{tenant}/keys/{key}",
        ctx -> {
          if (!platform.revoke(existing(ctx).id(), ctx.pathParam("key"))) {
            throw new ApiException(
                404,
                "tenant '" + ctx.pathParam("tenant") + "' has no live key " + ctx.pathParam("key"));
          }
          ctx.json(JSON.createObjectNode().put("result", true));
        },
        Access.MANAGEMENT);
  }

  /**
   * {@code GET /analytics?pack=P[&since=ISO]}: the caller's tenant's chat turns of one pack since a
   * moment (30 days back by default), summed up ({@link TurnLog#analytics}).
   */
  private void analytics(Context ctx) {
    String pack = ctx.queryParam("pack");
    if (pack == null || pack.isBlank()) {
      throw ApiException.badRequest("say which pack: GET /analytics?pack=NAME[&since=ISO-TIME]");
    }
    String since = ctx.queryParam("since");
    Instant from;
    try {
      from =
          since == null
              ? Instant.now().minus(java.time.Duration.ofDays(30))
              : since.length() == 10
                  ? java.time.LocalDate.parse(since)
                      .atStartOfDay(java.time.ZoneOffset.UTC)
                      .toInstant()
                  : Instant.parse(since);
    } catch (java.time.format.DateTimeParseException e) {
      throw ApiException.badRequest(
          "since must be a date or a time like 2026-12-01 or 2026-12-01T08:00:00Z, not '"
              + since
              + "'");
    }
    ctx.json(platform.turns().analytics(Caller.of(ctx).tenant(), pack, from, questions));
  }

  /**
   * {@code GET /analytics/turns?pack=P[&filter=all|not_understood|handoff|unanswered][&limit=N]}:
   * the caller's tenant's latest turns of a pack, masked, for review.
   */
  private void analyticsTurns(Context ctx) {
    String pack = ctx.queryParam("pack");
    if (pack == null || pack.isBlank()) {
      throw ApiException.badRequest("say which pack: GET /analytics/turns?pack=NAME[&filter=F]");
    }
    String filter = java.util.Objects.requireNonNullElse(ctx.queryParam("filter"), "all");
    if (!TurnLog.FILTERS.contains(filter)) {
      throw ApiException.badRequest(
          "filter must be one of " + String.join(", ", TurnLog.FILTERS) + ", not '" + filter + "'");
    }
    int limit;
    try {
      limit =
          Integer.parseInt(java.util.Objects.requireNonNullElse(ctx.queryParam("limit"), "100"));
    } catch (NumberFormatException e) {
      limit = -1;
    }
    if (limit < 1 || limit > 1000) {
      throw ApiException.badRequest("limit must be a whole number from 1 to 1000");
    }
    ctx.json(platform.turns().turns(Caller.of(ctx).tenant(), pack, filter, limit));
  }

  /**
   * Names the caller of a request that matched a route and lets it through if the route's {@link
   * Access} allows: decided by the route matched, so that no spelling of a path gets around it.
   */
  private void authorize(Context ctx) {
    var access = ctx.routeRoles();
    if (access.contains(Access.PUBLIC)) {
      return;
    }
    if (adminKeyHash == null) {
      Caller.administrator().attach(ctx);
      if (access.contains(Access.MANAGEMENT)) {
        throw new ApiException(
            403,
            "tenants and keys are managed with the administrator key; start the server with"
                + " SCION_ADMIN_KEY set");
      }
      return;
    }
    String key = ctx.header("api-key");
    String auth = ctx.header("Authorization");
    if (key == null && auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
      key = auth.substring(7).trim();
    }
    if (key == null || key.isEmpty()) {
      throw new ApiException(
          401, "missing API key; send header 'api-key: <key>' or 'Authorization: Bearer <key>'");
    }
    if (MessageDigest.isEqual(
        Platform.sha256(key).getBytes(java.nio.charset.StandardCharsets.US_ASCII),
        adminKeyHash.getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
      Caller.administrator().attach(ctx);
      return;
    }
    Platform.Key k = platform.authenticate(key);
    if (k == null) {
      throw new ApiException(401, "invalid API key; ask your administrator for a key");
    }
    Caller.of(k).attach(ctx);
    ctx.attribute(KEY_ATTRIBUTE, k);
    if (access.contains(Access.ADMIN) || access.contains(Access.MANAGEMENT)) {
      Caller.of(ctx).checkAdmin();
    }
    takeSlot(ctx, k);
    long wait = limiter.admit(k);
    if (wait > 0) {
      refuse(ctx, k, wait);
    }
  }

  /**
   * Counts the request among its key's requests in progress, refusing it past {@link
   * #MAX_IN_PROGRESS}: a key's slow or stalled requests cannot take the whole server. The slot is
   * freed when the request is done, however it ends.
   */
  private void takeSlot(Context ctx, Platform.Key k) {
    java.util.concurrent.atomic.AtomicInteger slots =
        inProgress.computeIfAbsent(k.id(), id -> new java.util.concurrent.atomic.AtomicInteger());
    if (slots.incrementAndGet() > MAX_IN_PROGRESS) {
      slots.decrementAndGet();
      ctx.header("Retry-After", "1");
      throw ApiException.refusal(
          429,
          "key "
              + k.id()
              + " has "
              + MAX_IN_PROGRESS
              + " requests in progress; wait for their answers before sending more");
    }
    java.util.concurrent.atomic.AtomicBoolean freed =
        new java.util.concurrent.atomic.AtomicBoolean();
    Runnable free =
        () -> {
          if (freed.compareAndSet(false, true)) {
            slots.decrementAndGet();
          }
        };
    ctx.attribute(SLOT_ATTRIBUTE, free);
    HttpEdge.onDone(ctx, free);
  }

  /**
   * Answers 429 with Retry-After. The answer is held back for a moment without holding a thread, so
   * that a client hammering past its limit gets few answers a second and costs the server (and the
   * other tenants) little; past {@link #MAX_HELD} held answers, it is sent at once.
   */
  private void refuse(Context ctx, Platform.Key k, long wait) {
    ctx.header("Retry-After", Long.toString(wait));
    ApiException refusal =
        ApiException.refusal(
            429,
            "rate limit of key "
                + k.id()
                + " reached ("
                + limits(k)
                + "); retry after "
                + wait
                + " s");
    if (held.incrementAndGet() > MAX_HELD) {
      held.decrementAndGet();
      throw refusal;
    }
    // spread over half to one and a half holds, so that refused clients do not come back in step
    long delay =
        (long)
            (Math.min(HOLD_MILLIS, wait * 1000)
                * (0.5 + java.util.concurrent.ThreadLocalRandom.current().nextDouble()));
    CompletableFuture<Void> answer = new CompletableFuture<>();
    scheduler.schedule(
        () -> {
          held.decrementAndGet();
          answer.completeExceptionally(refusal);
        },
        delay,
        TimeUnit.MILLISECONDS);
    ctx.future(() -> answer);
  }

  private static String limits(Platform.Key k) {
    List<String> parts = new ArrayList<>();
    if (k.requestsPerMinute() > 0) {
      parts.add(k.requestsPerMinute() + " requests/min");
    }
    if (k.tokensPerMinute() > 0) {
      parts.add(k.tokensPerMinute() + " tokens/min");
    }
    return String.join(", ", parts);
  }

  /** Accounts a finished request to its tenant and key. */
  public void finished(Context ctx) {
    if (ctx.attribute(SLOT_ATTRIBUTE) instanceof Runnable free) {
      free.run();
    }
    if (!Caller.identified(ctx)) { // public routes, and requests that matched none
      return;
    }
    Number t = ctx.attribute(TOKENS);
    long tokens = t == null ? 0 : t.longValue();
    usage.record(Caller.of(ctx).tenant(), ctx.statusCode(), tokens);
    Platform.Key k = ctx.attribute(KEY_ATTRIBUTE);
    if (k != null) {
      try {
        limiter.charge(k, tokens);
      } catch (RuntimeException e) {
        LOG.warn("tokens of key {} not charged: {}", k.id(), e.getMessage());
      }
    }
  }

  private void whoami(Context ctx) {
    Caller c = Caller.of(ctx);
    ObjectNode o = JSON.createObjectNode();
    o.put("tenant", c.tenant());
    o.put("key", c.keyId());
    o.put("admin", c.admin());
    o.put("user", c.user());
    o.put("keys_required", keysRequired());
    o.set("packs", JSON.valueToTree(c.packs()));
    o.set("collections", JSON.valueToTree(c.collections()));
    ctx.json(o);
  }

  private void listTenants(Context ctx) {
    ArrayNode out = JSON.createArrayNode();
    for (Platform.Tenant t : platform.tenants()) {
      out.addObject()
          .put("id", t.id())
          .put("name", t.name())
          .put("created", t.created().toString())
          .put("keys", platform.keys(t.id()).size());
    }
    ctx.json(JSON.createObjectNode().set("result", out));
  }

  private void createTenant(Context ctx) {
    JsonNode body = JsonBodies.object(ctx);
    JsonBodies.checkFields(body, "tenant", Set.of("id", "name"));
    Platform.Tenant t =
        platform.createTenant(
            JsonBodies.text(body, "id", null), JsonBodies.text(body, "name", null));
    ctx.status(201)
        .json(
            JSON.createObjectNode()
                .put("id", t.id())
                .put("name", t.name())
                .put("created", t.created().toString()));
  }

  /** Deletes a tenant: its keys stop at once, then its data goes. */
  private void deleteTenant(Context ctx) {
    String id = existing(ctx).id();
    platform.deleteTenant(id); // refuses the default tenant
    usage.forget(id);
    spaces.delete(id);
    ctx.json(JSON.createObjectNode().put("result", true));
  }

  private Platform.Tenant existing(Context ctx) {
    Platform.Tenant t = platform.tenant(ctx.pathParam("tenant"));
    if (t == null) {
      throw new ApiException(
          404, "no tenant '" + ctx.pathParam("tenant") + "'; list them with GET /admin/tenants");
    }
    return t;
  }

  private void listKeys(Context ctx) {
    ArrayNode out = JSON.createArrayNode();
    platform.keys(existing(ctx).id()).forEach(k -> out.add(keyJson(k)));
    ctx.json(JSON.createObjectNode().set("result", out));
  }

  private void createKey(Context ctx) {
    String tenant = existing(ctx).id();
    JsonNode body = JsonBodies.object(ctx);
    JsonBodies.checkFields(
        body,
        "key",
        Set.of(
            "name",
            "packs",
            "collections",
            "requests_per_minute",
            "tokens_per_minute",
            "user",
            "turn_log"));
    JsonNode turnLog = body.get("turn_log");
    if (turnLog != null && !turnLog.isNull() && !turnLog.isBoolean()) {
      throw ApiException.badRequest(
          "turn_log must be true or false (false: the key's chat turns are not logged); not "
              + turnLog);
    }
    Platform.NewKey made =
        platform.createKey(
            tenant,
            JsonBodies.text(body, "name", null),
            names(body, "packs"),
            names(body, "collections"),
            count(body, "requests_per_minute"),
            count(body, "tokens_per_minute"),
            JsonBodies.text(body, "user", null),
            turnLog == null || turnLog.isNull() || turnLog.booleanValue());
    ObjectNode o = keyJson(made.key());
    o.put("key", made.secret());
    o.put("note", "the key is shown only now; store it safely");
    ctx.status(201).json(o);
  }

  private static List<String> names(JsonNode body, String field) {
    JsonNode n = body.get(field);
    if (n == null || n.isNull()) {
      return List.of();
    }
    if (!n.isArray()) {
      throw ApiException.badRequest(field + " must be an array of names; omit it to allow all");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode x : n) {
      if (!x.isTextual() || x.textValue().isBlank() || x.textValue().contains(",")) {
        throw ApiException.badRequest(field + " must hold names (strings without commas)");
      }
      out.add(x.textValue());
    }
    return out;
  }

  private static int count(JsonNode body, String field) {
    JsonNode n = body.get(field);
    if (n == null || n.isNull()) {
      return 0;
    }
    if (!n.canConvertToInt() || n.intValue() < 0) {
      throw ApiException.badRequest(field + " must be a whole number, 0 for no limit");
    }
    return n.intValue();
  }

  private static ObjectNode keyJson(Platform.Key k) {
    ObjectNode o = JSON.createObjectNode();
    o.put("id", k.id());
    o.put("tenant", k.tenant());
    o.put("name", k.name());
    o.set("packs", JSON.valueToTree(k.packs()));
    o.set("collections", JSON.valueToTree(k.collections()));
    o.put("requests_per_minute", k.requestsPerMinute());
    o.put("tokens_per_minute", k.tokensPerMinute());
    o.put("created", k.created().toString());
    o.put("turn_log", k.turnLog());
    if (k.user() != null) {
      o.put("user", k.user());
    }
    return o;
  }

  private static int minutes(Context ctx) {
    String m = ctx.queryParam("minutes");
    if (m == null) {
      return 60;
    }
    try {
      int n = Integer.parseInt(m);
      if (n >= 1 && n <= MAX_MINUTES) {
        return n;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ApiException.badRequest("minutes must be a whole number from 1 to " + MAX_MINUTES);
  }

  /**
   * A tenant's usage: totals over the window, what it holds now, and the window minute by minute.
   */
  private ObjectNode usageJson(String tenant, int minutes) {
    long since = System.currentTimeMillis() / 60_000 - minutes + 1;
    ObjectNode o = JSON.createObjectNode().put("tenant", tenant).put("minutes", minutes);
    long requests = 0;
    long tokens = 0;
    long limited = 0;
    long errors = 0;
    ArrayNode series = JSON.createArrayNode();
    for (Platform.Minute m : usage.minutes(tenant, since)) {
      requests += m.requests();
      tokens += m.tokens();
      limited += m.limited();
      errors += m.errors();
      series
          .addObject()
          .put("minute", Instant.ofEpochSecond(m.epochMinute() * 60).toString())
          .put("requests", m.requests())
          .put("tokens", m.tokens())
          .put("limited", m.limited())
          .put("errors", m.errors());
    }
    o.put("requests", requests);
    o.put("tokens", tokens);
    o.put("limited", limited);
    o.put("errors", errors);
    o.put("vectors", spaces.vectorCount(tenant));
    o.put("documents", spaces.documentCount(tenant));
    o.put("form_instances", spaces.forms(tenant).requestCount());
    o.set("series", series);
    return o;
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    usage.close();
    spaces.close(); // the platform's records are closed by whoever opened them
  }
}
