package dev.scion.forms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The small readers the intake applies to what the statement model marks. */
class IntakeNormalisersTest {
  @Test
  void aNounsHeadWordGivesItsType() {
    assertEquals(Form.Type.TEXT, RuleIntake.guessType("refund reason"));
    assertEquals(Form.Type.TEXT, RuleIntake.guessType("退款原因"));
    assertEquals(Form.Type.TEXT, RuleIntake.guessType("payment method"));
    assertEquals(Form.Type.NUMBER, RuleIntake.guessType("份数"));
    assertEquals(Form.Type.NUMBER, RuleIntake.guessType("参会人数"));
    assertEquals(Form.Type.ATTACHMENT, RuleIntake.guessType("营业执照扫描件"));
    assertEquals(Form.Type.ATTACHMENT, RuleIntake.guessType("invoice copy"));
    assertEquals(Form.Type.MONEY, RuleIntake.guessType("快递费用"), "no head word: as before");
    assertEquals(Form.Type.DATE, RuleIntake.guessType("start date"));
    assertNull(RuleIntake.headType("budget"));
  }

  @Test
  void optionsLoseTheWordsAroundTheList() {
    assertEquals("OA", Intake.option("从OA"));
    assertEquals("CRM", Intake.option("CRM中选择"));
    assertEquals("破损", Intake.option("破损里选一个"));
    assertEquals("", Intake.option("三选一"), "how to choose is no option");
    assertEquals("", Intake.option("pick one"));
    assertEquals("在职证明", Intake.option("在职证明"), "a word that starts with 在 stays whole");
    assertEquals("in person", Intake.option("in person."));
  }

  @Test
  void optionalOnlyWhenTheWordsSaySo() {
    assertTrue(Intake.saysOptional("Remarks can be left blank"));
    assertTrue(Intake.saysOptional("a link if they have one"));
    assertTrue(Intake.saysOptional("备注可不填"));
    assertFalse(Intake.saysOptional("the quantity"));
    assertFalse(Intake.saysOptional("调休天数"));
  }

  @Test
  void wordsThatPointBackAreNoFields() {
    for (String w : List.of("the rest", "but", "those", "everything else", "这两项", "其余")) {
      assertTrue(Intake.pointsBack(w), w);
    }
    for (String w : List.of("handover person", "quantity", "其他费用", "备注")) {
      assertFalse(Intake.pointsBack(w), w);
    }
  }

  @Test
  void aBracketSaysWhetherItsFieldIsRequired() {
    assertEquals(Boolean.TRUE, Intake.bracketRequiredness("必填"));
    assertEquals(Boolean.TRUE, Intake.bracketRequiredness("required, money"));
    assertEquals(Boolean.FALSE, Intake.bracketRequiredness("可不填"));
    assertEquals(Boolean.FALSE, Intake.bracketRequiredness("optional"));
    assertEquals(Boolean.FALSE, Intake.bracketRequiredness("not required"));
    assertNull(Intake.bracketRequiredness("线上/线下"));
  }

  @Test
  void filesAreSaidManyWays() {
    assertTrue(Intake.saysAttached("The agenda can be attached if needed"));
    assertTrue(Intake.saysAttached("活动方案作为附件上传"));
    assertFalse(Intake.saysAttached("The agenda is required"));
    assertEquals(Form.Type.ATTACHMENT, Intake.typeOf("attached"));
    assertEquals(Form.Type.ATTACHMENT, Intake.typeOf("a PDF"));
  }

  @Test
  void anApproverNamedOnlyToPlaceAStepIsNoApprover() {
    String s = "the department head must also approve after the manager";
    assertTrue(
        Intake.afterAnother(
            s, new StatementModel.Found("manager", "the manager", s.indexOf("the manager"))));
    assertFalse(
        Intake.afterAnother(
            s, new StatementModel.Found("role", "department head", s.indexOf("department"))));
    String zh = "在部门经理之后由财务审批";
    assertTrue(Intake.afterAnother(zh, new StatementModel.Found("role", "部门经理", 1)));
    assertFalse(Intake.afterAnother(zh, new StatementModel.Found("role", "财务", 8)));
  }

  @Test
  void aSpacedDashEndsAStatement() {
    List<List<Statements.Piece>> s =
        Statements.split("the item, the quantity and the cost - those three are must-haves");
    assertEquals("those three are must-haves", s.getFirst().getLast().text());
    List<List<Statements.Piece>> kept = Statements.split("Set up a T-shirt order, e-mail required");
    assertEquals("Set up a T-shirt order", kept.getFirst().getFirst().text());
    List<List<Statements.Piece>> copy =
        Statements.split(
            "The request is approved by the office manager and copied to the print shop");
    assertEquals("and copied to the print shop", copy.getFirst().getLast().text());
  }

  @Test
  void aConditionSaidLaterForAStepGoesToThatStep() {
    Intake.Result r =
        Intake.draft(
            "Fields: amount (required), purpose (optional). Flow: line manager -> finance ->"
                + " treasurer. The treasurer is only needed when the amount is over 3000.");
    List<Form.Step> steps = r.form().steps();
    assertEquals(3, steps.size(), FormFormatter.format(r.form()));
    assertEquals("amount", steps.get(2).when().field(), FormFormatter.format(r.form()));
  }

  @Test
  void eachFieldKeepsItsOwnBracketMark() {
    Intake.Result r = Intake.draft("需要以下字段：培训名称（必填）、培训费用（必填）、备注（可不填）。由直属上级审批。");
    String src = FormFormatter.format(r.form());
    assertTrue(src.contains("text, optional, label \"备注\""), src);
    assertTrue(src.contains("money, required, label \"培训费用\""), src);
  }

  @Test
  void aPieceThatSaysOnlyATypeIsTheTypeOfTheFieldBefore() {
    assertEquals(Form.Type.DATE, Intake.typeOnly("日期格式"));
    assertEquals(Form.Type.NUMBER, Intake.typeOnly("数字"));
    assertEquals(Form.Type.NUMBER, Intake.typeOnly("numbers only"));
    assertNull(Intake.typeOnly("date"), "a bare noun may be a field of its own");
    Intake.Result r = Intake.draft("会议室预定\n1）预定人：必填\n2）会议日期：必填，日期格式\n审批：行政助理审批即可。");
    assertEquals(2, r.form().fields().size(), FormFormatter.format(r.form()));
    assertEquals(Form.Type.DATE, r.form().fields().get(1).type());
  }

  @Test
  void stepsBeforeARejectionInTheSameSentenceStaySteps() {
    Intake.Result r = Intake.draft("金额必填。流程就是部门经理先批，然后采购部，财务总监签字，财务总监不同意就退回部门经理。");
    String src = FormFormatter.format(r.form());
    assertEquals(3, r.form().steps().size(), src);
    assertEquals(1, r.form().rejections().size(), src);
  }

  @Test
  void whoFillsTheFormInIsNoField() {
    Intake.Result r =
        Intake.draft(
            "The employee must enter the start date and the end date. The manager approves.");
    String src = FormFormatter.format(r.form());
    assertEquals(2, r.form().fields().size(), src);
    assertFalse(src.contains("field employee"), src);
  }

  @Test
  void aQuotedNameIsTheTitleAndAGreetingIsNot() {
    Intake.Result r =
        Intake.draft(
            "Hi team,\n\nPlease build a \"Remote work request\" form. The start date is required."
                + " The manager approves.");
    assertEquals("Remote work request", r.form().name());
  }

  @Test
  void anIdentifierNumberIsText() {
    assertEquals(Form.Type.TEXT, RuleIntake.guessType("licence number"));
    assertEquals(Form.Type.NUMBER, RuleIntake.guessType("number of seats"));
    assertEquals(Form.Type.NUMBER, RuleIntake.guessType("maximum number"));
  }

  @Test
  void aLowerCaseWordAfterAQuestionStartsASentence() {
    assertEquals(2, Statements.split("can u set up a form? need employee id, gym name").size());
    assertEquals(1, Statements.split("travel needed? yes/no").size());
  }

  @Test
  void aNameADashAndItsOptionsIsOneChoice() {
    Intake.Result r =
        Intake.draft(
            "IT ticket form. Priority: P1/P2/P3. Impact — low, medium or high. Helpdesk approves.");
    String src = FormFormatter.format(r.form());
    assertTrue(src.contains("field priority: choice (P1 | P2 | P3)"), src);
    assertTrue(src.contains("field impact: choice (low | medium | high)"), src);
  }
}
