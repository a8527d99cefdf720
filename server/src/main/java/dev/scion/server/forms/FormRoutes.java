package dev.scion.server.forms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scion.forms.BpmnWriter;
import dev.scion.forms.Form;
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

  public FormRoutes(TenantSpaces spaces) {
    this.spaces = spaces;
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
    app.exception(FormException.class, (e, ctx) -> ScionServer.error(ctx, 400, e.getMessage()));
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
    ctx.status(201).json(Map.of("key", runtime(ctx).deploy(form)));
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
    if (applicant.isBlank() || !body.path("data").isObject()) {
      throw ApiException.badRequest(
          "send {\"applicant\": \"…\", \"manager\": \"…\", \"data\": {…}}");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> data = JSON.convertValue(body.get("data"), Map.class);
    String id = runtime(ctx).start(form, applicant, JsonBodies.text(body, "manager", null), data);
    ctx.status(201).json(Map.of("id", id));
  }

  /** {@code ?user=U&groups=a,b} → the tasks they may act on. */
  private void tasks(Context ctx) {
    String user = ctx.queryParam("user");
    if (user == null || user.isBlank()) {
      throw ApiException.badRequest("name the user: /forms/tasks?user=U&groups=a,b");
    }
    String groups = ctx.queryParam("groups");
    List<String> g =
        groups == null || groups.isBlank() ? List.of() : Arrays.asList(groups.split(","));
    ArrayNode out = JSON.createArrayNode();
    for (FormRuntime.Pending p : runtime(ctx).tasks(user, g)) {
      out.addObject().put("id", p.id()).put("step", p.step()).put("request", p.request());
    }
    ctx.json(JSON.createObjectNode().set("result", out));
  }

  /** {@code approve|reject|delegate} with {@code {"user", "comment", "to"}}. */
  private void act(Context ctx) {
    JsonNode body = JsonBodies.object(ctx);
    JsonBodies.checkFields(body, "decision", Set.of("user", "comment", "to"));
    String user = JsonBodies.text(body, "user", "");
    if (user.isBlank()) {
      throw ApiException.badRequest("say who decides: {\"user\": \"…\"}");
    }
    String id = ctx.pathParam("id");
    if (!runtime(ctx).hasOpenTask(id)) {
      throw new ApiException(
          404, "no open task " + id + "; list the tasks a user may act on with GET /forms/tasks");
    }
    String comment = JsonBodies.text(body, "comment", null);
    switch (ctx.pathParam("action")) {
      case "approve" -> runtime(ctx).approve(id, user, comment);
      case "reject" -> runtime(ctx).reject(id, user, comment);
      case "delegate" -> {
        String to = JsonBodies.text(body, "to", "");
        if (to.isBlank()) {
          throw ApiException.badRequest("say to whom: {\"user\": \"…\", \"to\": \"…\"}");
        }
        runtime(ctx).delegate(id, user, to);
      }
      case "add-signer" -> {
        String to = JsonBodies.text(body, "to", "");
        if (to.isBlank()) {
          throw ApiException.badRequest("say who signs too: {\"user\": \"…\", \"to\": \"…\"}");
        }
        runtime(ctx).addSigner(id, user, to);
      }
      default ->
          throw new ApiException(
              404,
              "unknown action '"
                  + ctx.pathParam("action")
                  + "'; use approve, reject, delegate or add-signer");
    }
    ctx.json(Map.of("result", true));
  }

  private void request(Context ctx) {
    String id = ctx.pathParam("id");
    String status = runtime(ctx).status(id);
    if (status.equals("unknown")) {
      throw new ApiException(404, "no request " + id);
    }
    ctx.json(Map.of("status", status, "audit", runtime(ctx).audit(id)));
  }
}
