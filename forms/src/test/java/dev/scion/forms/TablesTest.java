package dev.scion.forms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TablesTest {
  @Test
  void aTableOfFieldsBecomesFields() {
    String text =
        "Project kickoff request\n\n"
            + "| Field | Type | Required | Options |\n"
            + "|---|---|---|---|\n"
            + "| Project name | text | yes | |\n"
            + "| Budget | money | yes | |\n"
            + "| Phase | dropdown | no | discovery / build / run |\n"
            + "| Notes | text | no | |\n\n"
            + "Approval: PMO, then CFO";
    List<Tables.Table> tables = Tables.find(text);
    assertEquals(1, tables.size());
    assertTrue(tables.getFirst().ofFields());
    assertEquals(4, tables.getFirst().rows().size(), "the --- line is no row");
    Intake.Result r = Intake.draft(text);
    assertEquals(List.of(), r.unplaced());
    String src = FormFormatter.format(r.form());
    assertTrue(src.contains("field project_name: text, required"), src);
    assertTrue(src.contains("field budget: money, required"), src);
    assertTrue(src.contains("field phase: choice (discovery | build | run), optional"), src);
    assertTrue(src.contains("field notes: text, optional"), src);
    assertTrue(src.contains("step pmo: role pmo\nstep cfo: role cfo"), src);
  }

  @Test
  void columnsAlignedWithSpacesAndChineseHeadersToo() {
    String text =
        "字段        类型      是否必填\n"
            + "申请人      文本      是\n"
            + "申请金额    金额      是\n"
            + "备注        文本      否\n"
            + "财务审批。";
    Intake.Result r = Intake.draft(text);
    String src = FormFormatter.format(r.form());
    assertTrue(src.contains("required, label \"申请人\""), src);
    assertTrue(src.contains("money, required, label \"申请金额\""), src);
    assertTrue(src.contains("optional, label \"备注\""), src);
    assertTrue(src.contains("role finance"), src);
  }

  @Test
  void aTableOfStepsBecomesTheFlowInItsOrder() {
    String text =
        "Amount and reason are required.\n"
            + "Step\tApprover\tCondition\n"
            + "1\tteam lead\t-\n"
            + "2\tHR and legal\t-\n"
            + "3\tCFO\tamount over 5000\n";
    Intake.Result r = Intake.draft(text);
    Form f = r.form();
    assertEquals(3, f.steps().size(), FormFormatter.format(f));
    assertEquals(List.of(new Form.Approver("role", "team_lead")), f.steps().get(0).approvers());
    assertEquals(Form.Mode.ALL, f.steps().get(1).mode());
    assertEquals(2, f.steps().get(1).approvers().size());
    assertEquals(new Form.Condition("amount", ">", "5000"), f.steps().get(2).when());
  }

  @Test
  void linesWithoutAHeaderThatNamesColumnsAreNoTable() {
    assertEquals(List.of(), Tables.find("Amount | required\nReason | optional"));
    assertEquals(List.of(), Tables.find("First the team lead approves.  Then finance."));
  }
}
