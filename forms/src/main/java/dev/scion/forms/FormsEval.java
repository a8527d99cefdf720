package dev.scion.forms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Scores the intake on cases: each case is a description and what its form must hold. Fields are
 * checked by name (the id with _ as spaces, or the label, case-insensitively, any of the listed
 * alternatives), required, type and options; steps by approvers, order, mode and condition; {@code
 * on_reject} and {@code copy_to} when a case has them. A part written {@code null} is not checked.
 * A case is right when every checked part is right.
 *
 * <pre>
 * {"id":"en-001","lang":"en","text":"…","expect":{"fields":[{"name":"amount","required":true,
 *   "type":"money","options":null}],"steps":[{"approvers":[{"kind":"role","name":"finance"}],
 *   "mode":"single","when":{"field":"amount","op":"&gt;","value":5000}}]}}
 * </pre>
 */
public final class FormsEval {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> PARTS =
      List.of(
          "field_name",
          "field_required",
          "field_type",
          "field_options",
          "step_count",
          "step_approvers",
          "step_mode",
          "step_condition",
          "on_reject",
          "copy_to");

  private final Map<String, int[]> parts = new LinkedHashMap<>(); // right, checked
  private final Map<String, int[]> byLang = new LinkedHashMap<>();
  private final ArrayNode failures = JSON.createArrayNode();
  private int cases;
  private int right;

  private FormsEval() {
    PARTS.forEach(p -> parts.put(p, new int[2]));
  }

  /** Scores the intake on the cases in a JSON file (an array of cases). */
  public static ObjectNode run(Path file) {
    return run(file, Intake::draft);
  }

  static ObjectNode run(Path file, Function<String, Intake.Result> intake) {
    JsonNode all;
    try {
      all = JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new FormException(
          1,
          1,
          file + " is not a JSON array of cases: " + e.getMessage().lines().findFirst().orElse(""));
    }
    if (all == null || !all.isArray()) {
      throw new FormException(1, 1, file + " must hold a JSON array of cases [{id, text, expect}]");
    }
    FormsEval e = new FormsEval();
    for (JsonNode c : all) {
      e.score(c, intake);
    }
    return e.report();
  }

  private void score(JsonNode c, Function<String, Intake.Result> intake) {
    String id = c.path("id").asText("case " + (cases + 1));
    if (!c.path("text").isTextual() || !c.path("expect").isObject()) {
      throw new FormException(1, 1, "case " + id + " needs \"text\" and an \"expect\" object");
    }
    List<String> problems = new ArrayList<>();
    Form form;
    try {
      Intake.Result r = intake.apply(c.get("text").asText());
      form = r.form();
      FormParser.parse(FormFormatter.format(form));
    } catch (RuntimeException ex) {
      form = null;
      problems.add("does not compile: " + ex.getMessage());
    }
    JsonNode expect = c.get("expect");
    if (form != null) {
      fields(expect.path("fields"), form, problems);
      steps(expect.path("steps"), form, problems);
      if (expect.has("on_reject")) {
        rejections(expect.get("on_reject"), form, problems);
      }
      if (expect.has("copy_to")) {
        check("copy_to", sameApprovers(expect.get("copy_to"), form.copyTo()), problems, "copy to");
      }
    } else {
      PARTS.forEach(p -> parts.get(p)[1]++);
    }
    cases++;
    String lang = c.path("lang").asText("?");
    int[] l = byLang.computeIfAbsent(lang, k -> new int[2]);
    l[1]++;
    if (problems.isEmpty()) {
      right++;
      l[0]++;
    } else {
      ObjectNode f = failures.addObject();
      f.put("id", id);
      ArrayNode p = f.putArray("problems");
      problems.forEach(p::add);
    }
  }

  private void check(String part, boolean ok, List<String> problems, String what) {
    parts.get(part)[1]++;
    if (ok) {
      parts.get(part)[0]++;
    } else {
      problems.add(what);
    }
  }

  private void fields(JsonNode expected, Form form, List<String> problems) {
    for (JsonNode e : expected) {
      Form.Field f = findField(e.path("name"), form);
      String name = e.path("name").toString();
      check("field_name", f != null, problems, "no field " + name);
      if (f == null) {
        for (String p : List.of("required", "type", "options")) {
          if (!e.path(p).isNull() && !e.path(p).isMissingNode()) {
            parts.get("field_" + p)[1]++;
          }
        }
        continue;
      }
      if (e.hasNonNull("required")) {
        check(
            "field_required",
            e.get("required").asBoolean() == f.required(),
            problems,
            name + " required " + f.required());
      }
      if (e.hasNonNull("type")) {
        check(
            "field_type",
            norm(e.get("type").asText()).equals(norm(f.type().word)),
            problems,
            name + " is " + f.type().word);
      }
      if (e.hasNonNull("options")) {
        List<String> want = new ArrayList<>();
        e.get("options").forEach(o -> want.add(norm(o.asText())));
        List<String> got = f.options().stream().map(FormsEval::norm).toList();
        check(
            "field_options",
            want.size() == got.size() && got.containsAll(want),
            problems,
            name + " options " + f.options());
      }
    }
  }

  private void steps(JsonNode expected, Form form, List<String> problems) {
    if (!expected.isArray() || expected.isEmpty()) {
      return;
    }
    check(
        "step_count",
        expected.size() == form.steps().size(),
        problems,
        expected.size() + " steps expected, " + form.steps().size() + " found");
    for (int i = 0; i < expected.size(); i++) {
      JsonNode e = expected.get(i);
      Form.Step s = i < form.steps().size() ? form.steps().get(i) : null;
      if (e.has("approvers")) {
        check(
            "step_approvers",
            s != null && sameApprovers(e.get("approvers"), s.approvers()),
            problems,
            "step " + (i + 1) + " approvers " + (s == null ? "missing" : s.approvers()));
      }
      if (e.hasNonNull("mode")) {
        check(
            "step_mode",
            s != null && mode(s).equals(e.get("mode").asText().toLowerCase(Locale.ROOT)),
            problems,
            "step " + (i + 1) + " mode " + (s == null ? "missing" : mode(s)));
      }
      if (e.has("when")) {
        check(
            "step_condition",
            s != null && sameCondition(e.get("when"), s.when(), form),
            problems,
            "step " + (i + 1) + " condition " + (s == null ? "missing" : s.when()));
      }
    }
  }

  private void rejections(JsonNode expected, Form form, List<String> problems) {
    List<String> ids = form.steps().stream().map(Form.Step::id).toList();
    boolean ok = expected.size() == form.rejections().size();
    for (JsonNode e : expected) {
      int at = e.path("step_index").asInt(-1);
      int back = e.path("back_to_index").asInt(-1);
      ok &=
          form.rejections().stream()
              .anyMatch(r -> ids.indexOf(r.step()) == at && ids.indexOf(r.backTo()) == back);
    }
    check("on_reject", ok, problems, "on reject " + form.rejections());
  }

  private static String mode(Form.Step s) {
    if (s.approvers().size() == 1) {
      return "single";
    }
    return s.mode() == Form.Mode.ANY ? "any" : "all";
  }

  private static boolean sameApprovers(JsonNode expected, List<Form.Approver> got) {
    if (expected.size() != got.size()) {
      return false;
    }
    List<Form.Approver> left = new ArrayList<>(got);
    for (JsonNode e : expected) {
      Form.Approver hit = null;
      for (Form.Approver a : left) {
        String kind = e.path("kind").asText();
        if (kind.equals(a.kind()) && (kind.equals("manager") || names(e.path("name"), a.name()))) {
          hit = a;
          break;
        }
      }
      if (hit == null) {
        return false;
      }
      left.remove(hit);
    }
    return true;
  }

  private static boolean sameCondition(JsonNode e, Form.Condition c, Form form) {
    if (e == null || e.isNull()) {
      return c == null;
    }
    if (c == null) {
      return false;
    }
    Form.Field f =
        form.fields().stream().filter(x -> x.id().equals(c.field())).findFirst().orElse(null);
    boolean field =
        names(e.path("field"), c.field())
            || (f != null && f.label() != null && names(e.path("field"), f.label()));
    boolean op = !e.hasNonNull("op") || e.get("op").asText().equals(c.op());
    boolean value = true;
    if (e.hasNonNull("value")) {
      JsonNode v = e.get("value");
      if (v.isNumber()) {
        try {
          value = Math.abs(Double.parseDouble(c.value()) - v.asDouble()) < 1e-9;
        } catch (NumberFormatException x) {
          value = false;
        }
      } else {
        value = norm(v.asText()).equals(norm(c.value()));
      }
    }
    return field && op && value;
  }

  private static Form.Field findField(JsonNode name, Form form) {
    for (Form.Field f : form.fields()) {
      if (names(name, f.id()) || (f.label() != null && names(name, f.label()))) {
        return f;
      }
    }
    return null;
  }

  /** Whether a name (or any of a list of names) is this one, ignoring case and _ for spaces. */
  static boolean names(JsonNode want, String got) {
    if (want.isArray()) {
      for (JsonNode w : want) {
        if (names(w, got)) {
          return true;
        }
      }
      return false;
    }
    return want.isTextual() && norm(want.asText()).equals(norm(got));
  }

  static String norm(String s) {
    return s.strip().toLowerCase(Locale.ROOT).replace('_', ' ').replaceAll("\\s+", " ");
  }

  private ObjectNode report() {
    ObjectNode o = JSON.createObjectNode();
    o.put("cases", cases);
    o.put("right", right);
    o.put("accuracy", ratio(right, cases));
    ObjectNode p = o.putObject("parts");
    parts.forEach(
        (k, v) -> {
          if (v[1] > 0) {
            p.put(k, ratio(v[0], v[1]));
          }
        });
    ObjectNode l = o.putObject("by_lang");
    byLang.forEach(
        (k, v) -> {
          ObjectNode x = l.putObject(k);
          x.put("cases", v[1]);
          x.put("right", v[0]);
          x.put("accuracy", ratio(v[0], v[1]));
        });
    o.set("failures", failures);
    return o;
  }

  private static double ratio(int a, int b) {
    return b == 0 ? 0 : Math.round(1000.0 * a / b) / 1000.0;
  }
}
