package dev.scion.forms;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Compiles a form to a JSON Schema (2020-12) of its data and a description of its flow. */
public final class FormCompiler {
  private static final ObjectMapper JSON = new ObjectMapper();

  private FormCompiler() {}

  /** The JSON Schema a submission of the form must satisfy. */
  public static ObjectNode schema(Form f) {
    ObjectNode s = JSON.createObjectNode();
    s.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    s.put("title", f.name());
    s.put("type", "object");
    ObjectNode props = s.putObject("properties");
    ArrayNode required = JSON.createArrayNode();
    ArrayNode conditional = JSON.createArrayNode();
    for (Form.Field x : f.fields()) {
      ObjectNode p = props.putObject(x.id());
      if (x.label() != null) {
        p.put("title", x.label());
      }
      switch (x.type()) {
        case TEXT -> p.put("type", "string").put("minLength", x.required() ? 1 : 0);
        case NUMBER -> p.put("type", "number");
        case MONEY -> p.put("type", "number").put("format", "money");
        case DATE -> p.put("type", "string").put("format", "date");
        case DATE_RANGE -> {
          p.put("type", "object");
          ObjectNode r = p.putObject("properties");
          r.putObject("from").put("type", "string").put("format", "date");
          r.putObject("to").put("type", "string").put("format", "date");
          p.putArray("required").add("from").add("to");
          p.put("additionalProperties", false);
        }
        case CHOICE -> {
          p.put("type", "string");
          ArrayNode e = p.putArray("enum");
          x.options().forEach(e::add);
        }
        case MULTI_CHOICE -> {
          p.put("type", "array").put("uniqueItems", true);
          ArrayNode e = p.putObject("items").putArray("enum");
          x.options().forEach(e::add);
          if (x.required()) {
            p.put("minItems", 1);
          }
        }
        case ATTACHMENT ->
            p.put("type", "string").put("format", "uri-reference").put("x-kind", "attachment");
        case PERSON -> p.put("type", "string").put("x-kind", "person");
      }
      if (x.min() != null) {
        p.put("minimum", x.min());
      }
      if (x.max() != null) {
        p.put("maximum", x.max());
      }
      if (x.shownWhen() != null) {
        p.put("x-shown-when", x.shownWhen().toString());
        if (x.required() && x.shownWhen().op().equals("=")) {
          ObjectNode rule = conditional.addObject();
          ObjectNode when = rule.putObject("if");
          when.putObject("properties")
              .putObject(x.shownWhen().field())
              .put("const", x.shownWhen().value());
          when.putArray("required").add(x.shownWhen().field());
          rule.putObject("then").putArray("required").add(x.id());
        }
      } else if (x.required()) {
        required.add(x.id());
      }
    }
    s.set("required", required);
    s.put("additionalProperties", false);
    if (!conditional.isEmpty()) {
      s.set("allOf", conditional);
    }
    return s;
  }

  /** The flow: {@code {"steps":[{"name","approvers","mode","when"}], …}}. */
  public static ObjectNode flow(Form f) {
    ObjectNode o = JSON.createObjectNode();
    ArrayNode steps = o.putArray("steps");
    for (Form.Step s : f.steps()) {
      ObjectNode st = steps.addObject();
      st.put("name", s.id());
      ArrayNode a = st.putArray("approvers");
      s.approvers().forEach(x -> a.add(x.toString()));
      st.put("mode", s.mode().name().toLowerCase(java.util.Locale.ROOT));
      if (s.when() == null) {
        st.putNull("when");
      } else {
        st.put("when", s.when().toString());
      }
    }
    ArrayNode rejects = o.putArray("on_reject");
    f.rejections()
        .forEach(r -> rejects.addObject().put("step", r.step()).put("back_to", r.backTo()));
    ArrayNode timeouts = o.putArray("timeouts");
    f.timeouts()
        .forEach(
            t ->
                timeouts
                    .addObject()
                    .put("step", t.step())
                    .put("hours", t.hours())
                    .put("escalate_to", t.escalateTo().toString()));
    ArrayNode copy = o.putArray("copy_to");
    f.copyTo().forEach(c -> copy.add(c.toString()));
    return o;
  }
}
