package dev.scion.server.forms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scion.forms.BpmnWriter;
import dev.scion.forms.Directory;
import dev.scion.forms.Form;
import dev.scion.forms.FormAccessException;
import dev.scion.forms.FormCompiler;
import dev.scion.forms.FormDataException;
import dev.scion.forms.FormException;
import dev.scion.forms.FormFormatter;
import dev.scion.forms.FormParser;
import dev.scion.forms.FormRuntime;
import dev.scion.forms.Intake;
import dev.scion.server.ApiException;
import dev.scion.server.JsonBodies;
import dev.scion.server.ScionServer;
import dev.scion.server.tenancy.Caller;
import dev.scion.server.tenancy.OrgDirectory;
import dev.scion.server.tenancy.TenantSpaces;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Smart forms over HTTP: compile plain words or form language, deploy a form, start a request (data
 * checked field by field), list a user's tasks, approve, reject, delegate, and read a request's
 * status and audit trail.
 */
public final class FormRoutes {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final TenantSpaces spaces;
  private final OrgDirectory directory;

  public FormRoutes(TenantSpaces spaces, OrgDirectory directory) {
    this.spaces = spaces;
    this.directory = directory;
  }

  /** The caller's tenant's organisation directory. */
  private Directory people(Context ctx) {
    return directory.of(Caller.of(ctx).tenant());
  }

  /** The workflow engine as the caller's tenant sees it. */
  private FormRuntime runtime(Context ctx) {
    return spaces.forms(Caller.of(ctx).tenant());
  }

  public void register(Javalin app) {
    app.post("/forms/compile", this::compile);
    app.post("/forms", this::deploy);
    app.post("/forms/{key}/requests", this::start);
    app.get("/forms/tasks", this::tasks);
    app.post("/forms/tasks/{id}/{action}", this::act);
    app.get("/forms/requests/{id}", this::request);
    app.get("/forms/directory/people", this::listPeople);
    app.get("/forms/directory/people/{id}", this::getPerson);
    app.put("/forms/directory/people/{id}", this::putPerson);
    app.delete("/forms/directory/people/{id}", this::deletePerson);
    app.post("/forms/directory/import", this::importPeople);
    app.exception(FormException.class, (e, ctx) -> ScionServer.error(ctx, 400, e.getMessage()));
    app.exception(
        FormAccessException.class,
        (e, ctx) ->
            ScionServer.error(
                ctx, e.reason() == FormAccessException.Reason.EXISTS ? 409 : 403, e.getMessage()));
    app.exception(
        FormDataException.class,
        (e, ctx) -> {
          ObjectNode body = JSON.createObjectNode();
          body.putObject("status")
              .put("error", e.getMessage())
              .set("problems", JSON.valueToTree(e.problems()));
          ctx.status(422).json(body);
        });
  }

  /** {@code {"text": plain words or form language}} → source, JSON Schema, flow, BPMN. */
  private void compile(Context ctx) {
    JsonNode body = JsonBodies.object(ctx);
    JsonBodies.checkFields(body, "compile request", Set.of("text"));
    String text = JsonBodies.text(body, "text", "");
    if (text.isBlank()) {
      throw ApiException.badRequest(
          "send {\"text\": \"...\"}: the form in plain words or in the form language");
    }
    Form form;
    List<String> unplaced = List.of();
    if (text.strip().startsWith("form ")) {
      form = FormParser.parse(text);
    } else {
      Intake.Result r = Intake.draft(text);
      unplaced = r.unplaced();
      form = FormParser.parse(FormFormatter.format(r.form()));
    }
    ObjectNode o = JSON.createObjectNode();
    o.put("source", FormFormatter.format(form));
    o.set("form", FormCompiler.schema(form));
    o.set("flow", FormCompiler.flow(form));
    o.put("bpmn", BpmnWriter.write(form));
    o.set("unplaced", JSON.valueToTree(unplaced));
    ctx.json(o);
  }

  /** {@code {"source": form language}} → {@code {"key"}}. */
  private void deploy(Context ctx) {
    JsonNode body = JsonBodies.object(ctx);
    JsonBodies.checkFields(body, "deploy request", Set.of("source"));
    Form form = FormParser.parse(JsonBodies.text(body, "source", ""));
    boolean replace = "true".equals(ctx.queryParam("replace"));
    ctx.status(201).json(Map.of("key", runtime(ctx).deploy(form, replace)));
  }

  /** {@code {"applicant", "manager", "data": {...}}} → {@code {"id"}}. */
  private void start(Context ctx) {
    Form form = runtime(ctx).form(ctx.pathParam("key"));
    if (form == null) {
      throw new ApiException(
          404, "no form '" + ctx.pathParam("key") + "' is deployed; deploy it with POST /forms");
    }
    JsonNode body = JsonBodies.object(ctx);
    JsonBodies.checkFields(body, "request", Set.of("applicant", "manager", "data"));
    String applicant = JsonBodies.text(body, "applicant", "");
    if (applicant.isBlank() && Caller.of(ctx).user() != null) {
      applicant = Caller.of(ctx).user();
    }
    if (applicant.isBlank() || !body.path("data").isObject()) {
      throw ApiException.badRequest(
          "send {\"applicant\": \"…\", \"manager\": \"…\", \"data\": {…}}");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> data = JSON.convertValue(body.get("data"), Map.class);
    String manager = JsonBodies.text(body, "manager", null);
    if (manager == null || manager.isBlank()) {
      manager = people(ctx).manager(applicant);
    }
    String id = runtime(ctx).start(form, applicant, manager, data);
    ctx.status(201).json(Map.of("id", id));
  }

  /**
   * {@code ?user=U&groups=a,b} → the tasks they may act on; the user is the key's person when the
   * key is bound to one, and the groups are their roles in the directory unless named.
   */
  private void tasks(Context ctx) {
    String user = ctx.queryParam("user");
    if (user == null || user.isBlank()) {
      user = Caller.of(ctx).user();
    }
    if (user == null || user.isBlank()) {
      throw ApiException.badRequest("name the user: /forms/tasks?user=U&groups=a,b");
    }
    String groups = ctx.queryParam("groups");
    List<String> g =
        groups == null || groups.isBlank()
            ? people(ctx).roles(user)
            : Arrays.asList(groups.split(","));
    ArrayNode out = JSON.createArrayNode();
    for (FormRuntime.Pending p : runtime(ctx).tasks(user, g)) {
      out.addObject().put("id", p.id()).put("step", p.step()).put("request", p.request());
    }
    ctx.json(JSON.createObjectNode().set("result", out));
  }

  /**
   * {@code approve|reject|delegate|add-signer} with {@code {"user", "comment", "to"}}: decided by
   * the key's person when the key is bound to one, else by the named user; either way with their
   * roles from the directory, and refused (403) unless the task is theirs or their role's.
   */
  private void act(Context ctx) {
    JsonNode body = JsonBodies.object(ctx);
    JsonBodies.checkFields(body, "decision", Set.of("user", "comment", "to"));
    String user = decider(ctx, body);
    List<String> roles = people(ctx).roles(user);
    String id = ctx.pathParam("id");
    if (!runtime(ctx).hasOpenTask(id)) {
      throw new ApiException(
          404, "no open task " + id + "; list the tasks a user may act on with GET /forms/tasks");
    }
    String comment = JsonBodies.text(body, "comment", null);
    switch (ctx.pathParam("action")) {
      case "approve" -> runtime(ctx).approve(id, user, roles, comment);
      case "reject" -> runtime(ctx).reject(id, user, roles, comment);
      case "delegate" -> runtime(ctx).delegate(id, user, roles, to(body, "to whom"));
      case "add-signer" -> runtime(ctx).addSigner(id, user, roles, to(body, "who signs too"));
      default ->
          throw new ApiException(
              404,
              "unknown action '"
                  + ctx.pathParam("action")
                  + "'; use approve, reject, delegate or add-signer");
    }
    ctx.json(Map.of("result", true, "decided_by", user));
  }

  private static String to(JsonNode body, String what) {
    String to = JsonBodies.text(body, "to", "");
    if (to.isBlank()) {
      throw ApiException.badRequest("say " + what + ": {\"user\": \"…\", \"to\": \"…\"}");
    }
    return to;
  }

  /**
   * Who decides: the person a key is bound to (a different {@code user} in the body is refused),
   * or, for a service key or the administrator, the {@code user} the body names.
   */
  private static String decider(Context ctx, JsonNode body) {
    String bound = Caller.of(ctx).user();
    String named = JsonBodies.text(body, "user", null);
    if (bound != null) {
      if (named != null && !named.equals(bound)) {
        throw new ApiException(
            403,
            "this API key decides as "
                + bound
                + " only, not as "
                + named
                + "; leave out \"user\" or use "
                + named
                + "'s own key");
      }
      return bound;
    }
    if (named == null || named.isBlank()) {
      throw ApiException.badRequest("say who decides: {\"user\": \"…\"}");
    }
    return named;
  }

  private void request(Context ctx) {
    String id = ctx.pathParam("id");
    String status = runtime(ctx).status(id);
    if (status.equals("unknown")) {
      throw new ApiException(404, "no request " + id);
    }
    ctx.json(Map.of("status", status, "audit", runtime(ctx).audit(id)));
  }

  /** {@code GET /forms/directory/people} → the tenant's people. */
  private void listPeople(Context ctx) {
    ArrayNode out = JSON.createArrayNode();
    directory.people(Caller.of(ctx).tenant()).forEach(p -> out.add(personJson(p)));
    ctx.json(JSON.createObjectNode().set("result", out));
  }

  private void getPerson(Context ctx) {
    Directory.Person p = directory.person(Caller.of(ctx).tenant(), ctx.pathParam("id"));
    if (p == null) {
      throw new ApiException(404, "no person '" + ctx.pathParam("id") + "' in the directory");
    }
    ctx.json(personJson(p));
  }

  /** {@code PUT /forms/directory/people/{id}} with {@code {"name", "manager", "roles": [...]}}. */
  private void putPerson(Context ctx) {
    checkMayEditDirectory(ctx);
    JsonNode body = JsonBodies.object(ctx);
    JsonBodies.checkFields(body, "person", Set.of("name", "manager", "roles"));
    JsonNode r = body.get("roles");
    List<String> roles = new java.util.ArrayList<>();
    if (r != null && !r.isNull()) {
      if (!r.isArray()) {
        throw ApiException.badRequest("roles must be an array of role names, e.g. [\"finance\"]");
      }
      for (JsonNode x : r) {
        if (!x.isTextual()) {
          throw ApiException.badRequest("roles must hold role names (strings)");
        }
        roles.add(x.textValue().strip());
      }
    }
    Directory.Person p =
        directory.put(
            Caller.of(ctx).tenant(),
            new Directory.Person(
                ctx.pathParam("id"),
                JsonBodies.text(body, "name", null),
                JsonBodies.text(body, "manager", null),
                roles));
    ctx.json(personJson(p));
  }

  private void deletePerson(Context ctx) {
    checkMayEditDirectory(ctx);
    if (!directory.remove(Caller.of(ctx).tenant(), ctx.pathParam("id"))) {
      throw new ApiException(404, "no person '" + ctx.pathParam("id") + "' in the directory");
    }
    ctx.json(Map.of("result", true));
  }

  /** {@code POST /forms/directory/import}, a CSV body: {@code id,name,manager,roles}. */
  private void importPeople(Context ctx) {
    checkMayEditDirectory(ctx);
    int n = directory.importCsv(Caller.of(ctx).tenant(), ctx.body());
    ctx.json(Map.of("imported", n));
  }

  /** A key bound to a person could give itself roles: only service keys change the directory. */
  private static void checkMayEditDirectory(Context ctx) {
    if (Caller.of(ctx).user() != null) {
      throw new ApiException(
          403,
          "a key bound to a person ("
              + Caller.of(ctx).user()
              + ") may not change the directory; use a service key of the tenant");
    }
  }

  private static ObjectNode personJson(Directory.Person p) {
    ObjectNode o = JSON.createObjectNode();
    o.put("id", p.id());
    o.put("name", p.name());
    o.put("manager", p.manager());
    o.set("roles", JSON.valueToTree(p.roles()));
    return o;
  }
}
