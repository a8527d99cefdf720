package dev.scion.forms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Options, required marks and roles as users write them out, read the same in any wording. */
class WrittenListsTest {
  @Test
  void optionsInBracketsBelongToTheWordsBeforeThem() {
    List<OptionLists.Listed> l =
        OptionLists.find("campaign name, channel (social / print / events) and budget");
    assertEquals(1, l.size());
    assertEquals("channel", l.getFirst().before());
    assertEquals(List.of("social", "print", "events"), l.getFirst().options());
    assertEquals(
        List.of("笔记本", "台式机", "显示器"),
        OptionLists.find("设备类型（下拉：笔记本、台式机、显示器）").getFirst().options());
    assertTrue(OptionLists.find("amount (required, money)").isEmpty(), "a remark, not options");
    assertTrue(OptionLists.find("dates (from/to)").isEmpty(), "a date range, not options");
    assertTrue(OptionLists.find("agenda (attach if you have it)").isEmpty());
  }

  @Test
  void aStatementOfAFieldAndItsOptions() {
    OptionLists.Stated s =
        OptionLists.stated("Model is either MacBook Air or ThinkPad X1, required");
    assertEquals("Model", s.field());
    assertEquals(List.of("MacBook Air", "ThinkPad X1"), s.options());
    assertEquals(Boolean.TRUE, s.required());
    assertTrue(OptionLists.stated("Format: online or in person").marked());
    assertFalse(OptionLists.stated("Budget change: cost center, current budget").marked());
    assertNull(OptionLists.stated("Approval: team lead or department head"), "steps, not options");
    assertNull(OptionLists.stated("Amount is a number in USD"));
  }

  @Test
  void allRequiredExceptSomeInEnglishAndChinese() {
    assertEquals(List.of("company"), RequiredMarks.allRequiredExcept("all reqd except company"));
    assertEquals(
        List.of("Contract Value"),
        RequiredMarks.allRequiredExcept(
            "All fields are mandatory except Contract Value, which may be left blank for NDAs"));
    assertEquals(List.of("备注", "附件"), RequiredMarks.allRequiredExcept("除了备注和附件，其他都必填"));
    assertNull(RequiredMarks.allRequiredExcept("amount and date are required"));
  }

  @Test
  void aStarLegendMakesStarredFieldsRequired() {
    String text =
        "- conference name *\n- dates (from/to) *\n- agenda\n(* mandatory)\nApproval: team lead";
    Intake.Result r = Intake.draft(text);
    String src = FormFormatter.format(r.form());
    assertTrue(src.contains("field conference_name: text, required"), src);
    assertTrue(src.contains("field dates: date range, required"), src);
    assertTrue(src.contains("field agenda: text, optional"), src);
    assertFalse(r.unplaced().contains("(* mandatory)"), r.unplaced().toString());
  }

  @Test
  void bracketedOptionsCloseTheirListAndStepWordsLeaveRoles() {
    Intake.Result r =
        Intake.draft(
            "Leave request form: leave type (annual / sick / unpaid), start date, end date,"
                + " reason. Manager approves.");
    String src = FormFormatter.format(r.form());
    assertTrue(src.contains("field leave_type: choice (annual | sick | unpaid), optional"), src);
    assertTrue(src.contains("field reason: text, optional"), src);
    assertEquals(new Form.Approver("role", "cfo"), Intake.who("再由CFO"));
    assertEquals(new Form.Approver("role", "ceo"), Intake.who("还需要CEO"));
  }

  @Test
  void stepsAsChineseManagersWriteThem() {
    String src =
        FormFormatter.format(
            Intake.draft("合同审批单：合同名称、合同金额必填。先由部门负责人审批，然后法务和财务会签，" + "合同金额超过50万的，最后由总经理审批。").form());
    assertTrue(src.contains("when"), src);
    assertTrue(
        src.lines().filter(l -> l.startsWith("step")).toList().getLast().contains("when"),
        "the condition leads into the step after it: " + src);
    src = FormFormatter.format(Intake.draft("加班申请：加班日期必填。审批的话先给组长看，组长同意了再给部门经理。").form());
    assertEquals(2, src.lines().filter(l -> l.startsWith("step")).count(), src);
    src = FormFormatter.format(Intake.draft("采购单：物品必填。\n审批：质量部、财务部、法务部会签").form());
    assertEquals(1, src.lines().filter(l -> l.startsWith("step")).count(), src);
  }
}
