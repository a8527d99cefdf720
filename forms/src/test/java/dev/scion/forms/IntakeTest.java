package dev.scion.forms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class IntakeTest {
  @Test
  void aManagersWordsBecomeAFormAndAFlow() {
    Intake.Result r =
        Intake.draft(
            "The form is called Expense claim. Amount and reason are required, attachment is"
                + " optional, type is a drop-down of travel, meals, equipment, training. First the"
                + " team lead approves, then finance approves. Above 5000 the director must also"
                + " approve. HR and legal both have to sign. If finance rejects, it goes back to the"
                + " team lead.");
    assertEquals(List.of(), r.unplaced());
    Form f = r.form();
    assertEquals("Expense claim", f.name());
    assertEquals(
        "form Expense claim\n\n"
            + "field amount: money, required\n"
            + "field reason: text, required\n"
            + "field attachment: attachment, optional\n"
            + "field type: choice (travel | meals | equipment | training), optional\n\n"
            + "approval\n"
            + "step team_lead: role team_lead\n"
            + "step finance: role finance\n"
            + "step director: role director, when amount > 5000\n"
            + "step hr_legal: role hr and role legal\n"
            + "on reject finance: back to team_lead\n",
        FormFormatter.format(f));
    assertEquals(f, FormParser.parse(FormFormatter.format(f)), "the draft is valid form language");
  }

  @Test
  void chineseStatementsToo() {
    Intake.Result r =
        Intake.draft("金额和事由必填，附件选填。类型是下拉：差旅、餐费、设备、培训。先由组长审批，然后财务审批。超过5000还需要总监审批。人事和法务都要会签。");
    assertEquals(List.of(), r.unplaced());
    String src = FormFormatter.format(r.form());
    assertTrue(src.contains("field amount: money, required, label \"金额\""), src);
    assertTrue(src.contains("field type: choice (差旅 | 餐费 | 设备 | 培训), optional, label \"类型\""), src);
    assertTrue(src.contains("step team_lead: role team_lead"), src);
    assertTrue(src.contains("step director: role director, when amount > 5000"), src);
    assertTrue(src.contains("step hr_legal: role hr and role legal"), src);
  }

  @Test
  void statementsItCannotPlaceAreReported() {
    Intake.Result r =
        Intake.draft("Amount is required. Make it look nice and blue. Finance approves.");
    assertEquals(List.of("Make it look nice and blue"), r.unplaced());
  }

  @Test
  void aConditionBeforeItsApproverStaysWithIt() {
    Intake.Result r =
        Intake.draft(
            "Days are required. First the team lead approves. If days is over 10, HR approves.");
    assertEquals(List.of(), r.unplaced());
    assertEquals(
        new Form.Condition("days", ">", "10"), r.form().steps().get(1).when(), r.form().toString());
  }

  @Test
  void typesAndTrailingConditionsAreUnderstood() {
    Intake.Result r =
        Intake.draft(
            "The form is called Leave request. Start date is required, days is a required number,"
                + " kind is a drop-down of annual, sick, unpaid, other. Note is an optional text."
                + " First the manager of the applicant approves, then HR approves if days is over 5.");
    assertEquals(List.of(), r.unplaced());
    String source = FormFormatter.format(r.form());
    assertTrue(source.contains("field days: number, required"), source);
    assertTrue(source.contains("field note: text"), source);
    assertTrue(source.contains("field start_date: date, required"), source);
    assertTrue(source.contains("step hr: role hr, when days > 5"), source);
    assertTrue(source.contains("step manager: manager of applicant"), source);
  }

  @Test
  void chineseOrdinalsMarkListItems() {
    assertEquals("部门负责人审批", Statements.unbulleted(new Statements.Piece("一、部门负责人审批", 0)).text());
    assertEquals("财务审核", Statements.unbulleted(new Statements.Piece("（二）财务审核", 0)).text());
    assertEquals("总经理批准", Statements.unbulleted(new Statements.Piece("第三步：总经理批准", 0)).text());
    Intake.Result r = Intake.draft("用章申请\n审批步骤：\n一、部门负责人审批\n二、行政主管审批\n三、总经理审批");
    assertEquals(3, r.form().steps().size(), FormFormatter.format(r.form()));
  }

  @Test
  void wordsThatMakeAListRequiredReachBackToTheList() {
    Intake.Result r =
        Intake.draft(
            "It asks for the full name, the item and the price; none of these can be left empty."
                + " Finance approves.");
    for (Form.Field f : r.form().fields()) {
      assertTrue(f.required(), FormFormatter.format(r.form()));
    }
    r =
        Intake.draft(
            "Fields: asset description, cost, justification - all required. CFO approves.");
    assertEquals(3, r.form().fields().size(), FormFormatter.format(r.form()));
    for (Form.Field f : r.form().fields()) {
      assertTrue(f.required(), FormFormatter.format(r.form()));
    }
  }

  @Test
  void anOptionListRunsToItsEnd() {
    StatementModel.Reading en =
        new StatementModel.Reading(
            "Temperature should be ambient, chilled or frozen",
            List.of("choice"),
            List.of(
                new StatementModel.Found("field", "Temperature", 0),
                new StatementModel.Found("option", "ambient", 22),
                new StatementModel.Found("option", "chilled", 31)));
    assertEquals(
        List.of("ambient", "chilled", "frozen"),
        Intake.listTail(en, List.of("ambient", "chilled")));
    StatementModel.Reading zh =
        new StatementModel.Reading(
            "电脑型号可选：联想、戴尔、苹果",
            List.of("choice"),
            List.of(
                new StatementModel.Found("field", "电脑型号", 0),
                new StatementModel.Found("option", "联想", 7)));
    assertEquals(List.of("联想", "戴尔", "苹果"), Intake.listTail(zh, List.of("联想")));
    StatementModel.Reading stop =
        new StatementModel.Reading(
            "Type is travel or meals, and the amount is required",
            List.of("choice"),
            List.of(
                new StatementModel.Found("option", "travel", 8),
                new StatementModel.Found("option", "meals", 18)));
    assertEquals(List.of("travel", "meals"), Intake.listTail(stop, List.of("travel", "meals")));
  }

  @Test
  void aConditionAfterItsStepInAListStaysWithThatStep() {
    Intake.Result r =
        Intake.draft(
            "Form: Petty cash\n- amount (required)\nApprovers:\n- office manager\n"
                + "- finance, only if amount is more than 200");
    Form f = r.form();
    assertEquals(List.of(), r.unplaced(), FormFormatter.format(f));
    assertEquals(2, f.steps().size(), FormFormatter.format(f));
    assertEquals(null, f.steps().get(0).when());
    assertEquals(new Form.Condition("amount", ">", "200"), f.steps().get(1).when());
  }
}
