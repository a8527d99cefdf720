package dev.scion.server.packs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scion.dialog.Pack;
import dev.scion.server.ApiException;
import dev.scion.server.JsonBodies;
import dev.scion.server.tenancy.Caller;
import dev.scion.server.tenancy.ModelVersions;
import dev.scion.server.tenancy.ReviewedExamples;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.Set;

/**
 * Teaching a pack, per tenant: reviewed examples ({@code /packs/{pack}/examples}), versions of its
 * understanding model trained from them ({@code /packs/{pack}/train}, {@code
 * /packs/{pack}/versions}), and which version serves the tenant's chats ({@code
 * …/versions/{v}/promote}, {@code /packs/{pack}/rollback}). A key scoped to other packs sees none
 * of this pack's; a tenant sees only its own examples and versions.
 */
public final class PackRoutes {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> EXAMPLE_FIELDS = Set.of("text", "intents", "slots", "lang");

  private final Retraining retraining;
  private final ReviewedExamples examples;
  private final ModelVersions versions;

  public PackRoutes(Retraining retraining, ReviewedExamples examples, ModelVersions versions) {
    this.retraining = retraining;
    this.examples = examples;
    this.versions = versions;
  }

  public void register(Javalin app) {
    app.get("/packs", this::list);
    app.get("/packs/{pack}", this::describe);
    app.get("/packs/{pack}/examples", this::listExamples);
    app.post("/packs/{pack}/examples", this::addExample);
    app.delete("/packs/{pack}/examples/{id}", this::removeExample);
    app.post("/packs/{pack}/train", this::train);
    app.get("/packs/{pack}/versions", this::listVersions);
    app.get("/packs/{pack}/versions/{version}", this::version);
    app.post("/packs/{pack}/versions/{version}/promote", this::promote);
    app.post("/packs/{pack}/versions/{version}/rollback", this::rollbackVersion);
    app.post("/packs/{pack}/rollback", ctx -> rollback(ctx, null));
  }

  /** {@code GET /packs}: the packs the caller may use, each with the version serving it. */
  private void list(Context ctx) {
    Caller caller = Caller.of(ctx);
    ArrayNode out = JSON.createArrayNode();
    for (String name : retraining.names()) {
      if (caller.mayUsePack(name)) {
        Pack p = retraining.pack(name);
        out.addObject()
            .put("name", name)
            .put("serving", versions.serving(caller.tenant(), name))
            .set("languages", JSON.valueToTree(p.languages()));
      }
    }
    ctx.json(JSON.createObjectNode().set("result", out));
  }

  /**
   * {@code GET /packs/{pack}}: what an example of the pack may name, per language (its intents and
   * slots), and the version serving the tenant.
   */
  private void describe(Context ctx) {
    Pack p = pack(ctx);
    ObjectNode o = JSON.createObjectNode().put("name", p.name());
    o.put("serving", versions.serving(Caller.of(ctx).tenant(), p.name()));
    o.set("languages", JSON.valueToTree(p.languages()));
    ObjectNode intents = o.putObject("intents");
    ObjectNode slots = o.putObject("slots");
    for (String lang : p.languages()) {
      intents.set(lang, JSON.valueToTree(p.intents(lang)));
      slots.set(lang, JSON.valueToTree(p.slots(lang)));
    }
    ctx.json(o);
  }

  /** The pack a request names, if the caller may use it; a 404 naming the packs otherwise. */
  private Pack pack(Context ctx) {
    Caller caller = Caller.of(ctx);
    String name = ctx.pathParam("pack");
    Pack p = caller.mayUsePack(name) ? retraining.pack(name) : null;
    if (p == null) {
      throw new ApiException(
          404,
          "no pack '"
              + name
              + "'; the packs are: "
              + String.join(", ", retraining.names().stream().filter(caller::mayUsePack).toList()));
    }
    return p;
  }

  private void listExamples(Context ctx) {
    Pack p = pack(ctx);
    ArrayNode out = JSON.createArrayNode();
    examples.list(Caller.of(ctx).tenant(), p.name()).forEach(r -> out.add(exampleJson(r)));
    ctx.json(JSON.createObjectNode().set("result", out));
  }

  private void addExample(Context ctx) {
    Pack p = pack(ctx);
    JsonNode body = JsonBodies.object(ctx);
    JsonBodies.checkFields(body, "example", EXAMPLE_FIELDS);
    Teach.Checked c = Teach.check(p, body);
    ReviewedExamples.Reviewed r =
        examples.add(Caller.of(ctx).tenant(), p.name(), c.lang(), c.text(), c.intents(), c.slots());
    ctx.status(201).json(exampleJson(r));
  }

  private void removeExample(Context ctx) {
    Pack p = pack(ctx);
    long id;
    try {
      id = Long.parseLong(ctx.pathParam("id"));
    } catch (NumberFormatException e) {
      id = -1;
    }
    if (id < 0 || !examples.remove(Caller.of(ctx).tenant(), p.name(), id)) {
      throw new ApiException(
          404,
          "no example "
              + ctx.pathParam("id")
              + " of the pack "
              + p.name()
              + "; list them with GET /packs/"
              + p.name()
              + "/examples");
    }
    ctx.json(JSON.createObjectNode().put("result", true));
  }

  private static ObjectNode exampleJson(ReviewedExamples.Reviewed r) {
    ObjectNode o = JSON.createObjectNode();
    o.put("id", r.id()).put("lang", r.lang()).put("text", r.text());
    o.set("intents", JSON.valueToTree(r.intents()));
    ArrayNode slots = o.putArray("slots");
    for (ReviewedExamples.SlotSpan s : r.slots()) {
      slots
          .addObject()
          .put("start", s.start())
          .put("end", s.end())
          .put("slot", s.slot())
          .put("text", r.text().substring(s.start(), s.end()));
    }
    o.put("created", r.created().toString());
    return o;
  }

  /**
   * {@code POST /packs/{pack}/train}: 202 and the new version's name; it trains in the background.
   */
  private void train(Context ctx) {
    Pack p = pack(ctx);
    String tenant = Caller.of(ctx).tenant();
    for (ModelVersions.Version v : versions.list(tenant, p.name())) {
      if (v.status().equals("queued") || v.status().equals("training")) {
        throw new ApiException(
            409,
            "version "
                + v.name()
                + " of the pack "
                + p.name()
                + " is "
                + v.status()
                + "; wait until GET /packs/"
                + p.name()
                + "/versions/"
                + v.name()
                + " says ready or failed, then train again");
      }
    }
    String version = retraining.train(tenant, p.name());
    ObjectNode o = JSON.createObjectNode().put("version", version).put("status", "queued");
    o.put("status_url", "/packs/" + p.name() + "/versions/" + version);
    ctx.status(202).json(o);
  }

  private void listVersions(Context ctx) {
    Pack p = pack(ctx);
    String tenant = Caller.of(ctx).tenant();
    String serving = versions.serving(tenant, p.name());
    ObjectNode o = JSON.createObjectNode().put("pack", p.name()).put("serving", serving);
    o.set("promotions", JSON.valueToTree(versions.promotions(tenant, p.name())));
    ArrayNode out = o.putArray("versions");
    versions.list(tenant, p.name()).forEach(v -> out.add(versionJson(v, serving, false)));
    ctx.json(o);
  }

  private void version(Context ctx) {
    Pack p = pack(ctx);
    String tenant = Caller.of(ctx).tenant();
    String serving = versions.serving(tenant, p.name());
    String name = ctx.pathParam("version");
    if (name.equals(ModelVersions.BASE)) {
      ctx.json(
          JSON.createObjectNode()
              .put("version", ModelVersions.BASE)
              .put("status", "ready")
              .put("progress", 1.0)
              .put("serving", serving.equals(ModelVersions.BASE))
              .put("stage", "the model the pack trains from its own examples"));
      return;
    }
    ctx.json(versionJson(existing(ctx, p, tenant), serving, true));
  }

  private ModelVersions.Version existing(Context ctx, Pack p, String tenant) {
    String name = ctx.pathParam("version");
    return versions
        .find(tenant, p.name(), name)
        .orElseThrow(
            () ->
                new ApiException(
                    404,
                    "no version '"
                        + name
                        + "' of the pack "
                        + p.name()
                        + "; list them with GET /packs/"
                        + p.name()
                        + "/versions"));
  }

  private static ObjectNode versionJson(
      ModelVersions.Version v, String serving, boolean withEvaluation) {
    ObjectNode o = JSON.createObjectNode();
    o.put("version", v.name()).put("status", v.status());
    o.put("progress", Math.round(v.progress() * 1000) / 1000.0).put("stage", v.stage());
    o.put("serving", v.name().equals(serving));
    o.put("reviewed_examples", v.reviewed());
    o.put("created", v.created().toString());
    if (v.finished() != null) {
      o.put("finished", v.finished().toString());
    }
    if (withEvaluation && v.evaluation() != null) {
      try {
        o.set("evaluation", JSON.readTree(v.evaluation()));
      } catch (IOException e) {
        o.put("evaluation", v.evaluation());
      }
    }
    return o;
  }

  /** {@code POST …/versions/{v}/promote}: the version serves the tenant's chats from now on. */
  private void promote(Context ctx) {
    Pack p = pack(ctx);
    String tenant = Caller.of(ctx).tenant();
    String name = ctx.pathParam("version");
    String before = versions.serving(tenant, p.name());
    if (!name.equals(ModelVersions.BASE)) {
      ModelVersions.Version v = existing(ctx, p, tenant);
      if (!v.status().equals("ready")) {
        throw new ApiException(
            409,
            "version "
                + name
                + " is "
                + v.status()
                + ", not ready; promote it once GET /packs/"
                + p.name()
                + "/versions/"
                + name
                + " says ready"
                + (v.status().equals("failed") ? " (it failed: train again)" : ""));
      }
    }
    if (name.equals(before)) {
      throw new ApiException(409, "version " + name + " serves already; nothing to promote");
    }
    if (!name.equals(ModelVersions.BASE)) {
      try {
        retraining.prepare(tenant, p.name(), name); // its models load now, not at the next chat
      } catch (IllegalStateException e) {
        throw new ApiException(409, e.getMessage());
      }
    }
    versions.promote(tenant, p.name(), name);
    ctx.json(
        JSON.createObjectNode().put("pack", p.name()).put("serving", name).put("previous", before));
  }

  private void rollbackVersion(Context ctx) {
    Pack p = pack(ctx);
    String name = ctx.pathParam("version");
    if (!name.equals(ModelVersions.BASE)) {
      existing(ctx, p, Caller.of(ctx).tenant());
    }
    rollback(ctx, name);
  }

  /**
   * {@code POST /packs/{pack}/rollback}, or {@code …/versions/{v}/rollback} when {@code v} serves:
   * the version that served before the latest promotion serves again.
   */
  private void rollback(Context ctx, String expected) {
    Pack p = pack(ctx);
    String tenant = Caller.of(ctx).tenant();
    String serving = versions.serving(tenant, p.name());
    if (expected != null && !expected.equals(serving)) {
      throw new ApiException(
          409,
          "version "
              + expected
              + " does not serve ("
              + serving
              + " does); roll back the serving version, or promote the one you want");
    }
    if (versions.rollback(tenant, p.name()).isEmpty()) {
      throw new ApiException(
          409,
          "nothing to roll back: the pack "
              + p.name()
              + " serves its base model; promote a version first");
    }
    ctx.json(
        JSON.createObjectNode()
            .put("pack", p.name())
            .put("serving", versions.serving(tenant, p.name()))
            .put("rolled_back", serving));
  }
}
