package dev.scion.forms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class FormLanguageTest {
  static final String EXPENSE =
      """
      # the expense claim of the office-approval pack
      form Expense claim

      field amount: money, required, label "Amount", min 0
      field reason: text, required
      field type: choice (travel | meals | equipment | training), required
      field receipt: attachment, optional
      field dates: date range, optional
      field note: text, required, shown when type = travel

      approval
      step team_lead: manager of applicant
      step finance: role finance
      step director: user director, when amount > 5000
      step hr_legal: role hr and role legal
      step any_manager: role manager_a or role manager_b
      on reject finance: back to team_lead
      on timeout finance after 48h: escalate to role finance_lead
      copy to role audit
      """;

  @Test
  void parsesFieldsStepsAndRules() {
    Form f = FormParser.parse(EXPENSE);
    assertEquals("Expense claim", f.name());
    assertEquals(
        List.of("amount", "reason", "type", "receipt", "dates", "note"),
        f.fields().stream().map(Form.Field::id).toList());
    Form.Field type = f.fields().get(2);
    assertEquals(Form.Type.CHOICE, type.type());
    assertEquals(List.of("travel", "meals", "equipment", "training"), type.options());
    assertEquals(0.0, f.fields().getFirst().min());
    assertEquals(new Form.Condition("type", "=", "travel"), f.fields().get(5).shownWhen());
    assertEquals(Form.Mode.SEQUENTIAL, f.steps().getFirst().mode());
    assertEquals(new Form.Condition("amount", ">", "5000"), f.steps().get(2).when());
    assertEquals(Form.Mode.ALL, f.steps().get(3).mode());
    assertEquals(Form.Mode.ANY, f.steps().get(4).mode());
    assertEquals(List.of(new Form.Rejection("finance", "team_lead")), f.rejections());
    assertEquals(48, f.timeouts().getFirst().hours());
    assertEquals("role finance_lead", f.timeouts().getFirst().escalateTo().toString());
    assertEquals("role audit", f.copyTo().getFirst().toString());
  }

  @Test
  void theFormatterIsCanonicalAndParsesBack() {
    Form f = FormParser.parse(EXPENSE);
    String canonical = FormFormatter.format(f);
    assertEquals(f, FormParser.parse(canonical));
    assertEquals(canonical, FormFormatter.format(FormParser.parse(canonical)));
    assertTrue(canonical.contains("step hr_legal: role hr and role legal\n"), canonical);
    assertTrue(
        canonical.startsWith(
            "form Expense claim\n\nfield amount: money, required, label \"Amount\", min 0\n"),
        canonical);
  }

  @Test
  void compilesToJsonSchemaAndAFlow() {
    Form f = FormParser.parse(EXPENSE);
    JsonNode s = FormCompiler.schema(f);
    assertEquals("object", s.get("type").asText());
    assertEquals("[\"amount\",\"reason\",\"type\"]", s.get("required").toString());
    assertEquals("number", s.at("/properties/amount/type").asText());
    assertEquals(0, s.at("/properties/amount/minimum").asInt());
    assertEquals(4, s.at("/properties/type/enum").size());
    assertEquals("date", s.at("/properties/dates/properties/from/format").asText());
    assertEquals("travel", s.at("/allOf/0/if/properties/type/const").asText());
    assertEquals("note", s.at("/allOf/0/then/required/0").asText());
    assertTrue(!s.get("additionalProperties").asBoolean());
    JsonNode flow = FormCompiler.flow(f);
    assertEquals(5, flow.get("steps").size());
    JsonNode director = flow.get("steps").get(2);
    assertEquals("director", director.get("name").asText());
    assertEquals("[\"user director\"]", director.get("approvers").toString());
    assertEquals("sequential", director.get("mode").asText());
    assertEquals("amount > 5000", director.get("when").asText());
    assertEquals("all", flow.at("/steps/3/mode").asText());
    assertEquals("any", flow.at("/steps/4/mode").asText());
    assertTrue(flow.at("/steps/0/when").isNull());
  }

  @Test
  void everyErrorNamesItsLineAndColumn() {
    assertError("form Leave\nfield days: number, required\n", 3, 1, "no approval steps");
    assertError(
        "form Leave\nfield days: numbr, required\napproval\nstep a: manager\n",
        2,
        13,
        "unknown type 'numbr'");
    assertError(
        "form Leave\nfield kind: choice (sick), required\napproval\nstep a: manager\n",
        2,
        13,
        "at least two options");
    assertError(
        "form Leave\nfield days: number\napproval\nstep a: manager\n",
        2,
        7,
        "required or optional");
    assertError(
        "form Leave\nfield days: number, required\napproval\nstep a: manager, when dayz > 3\n",
        4,
        23,
        "no field 'dayz'");
    assertError(
        "form Leave\nfield days: number, required\napproval\nstep a: manager\nstep b: role hr\non reject a: back to b\n",
        6,
        22,
        "earlier step");
    assertError(
        "form Leave\nfield days: number, required\napproval\nstep a: the boss\n",
        4,
        9,
        "unknown approver 'the boss'");
    assertError(
        "form Leave\napproval\nstep a: manager\nfield days: number, required\n",
        4,
        1,
        "fields come before");
    assertError("", 1, 1, "the form is empty");
  }

  private static void assertError(String source, int line, int column, String part) {
    FormException e = assertThrows(FormException.class, () -> FormParser.parse(source));
    assertTrue(e.getMessage().contains(part), e.getMessage());
    assertEquals(line, e.line(), e.getMessage());
    assertEquals(column, e.column(), e.getMessage());
  }

  @Test
  void conditionsMustFitTheirField() {
    FormException e =
        assertThrows(
            FormException.class,
            () ->
                FormParser.parse(
                    "form X\nfield kind: choice (a | b), required\napproval\nstep s: manager, when kind = c\n"));
    assertTrue(e.getMessage().contains("'c' is not an option of 'kind'"), e.getMessage());
    assertNull(
        FormParser.parse("form X\nfield n: number, optional\napproval\nstep s: manager\n")
            .fields()
            .getFirst()
            .label());
  }
}
