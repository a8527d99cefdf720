package dev.scion.forms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The office-approval pack's forms, from their plain-words descriptions to approvals on Flowable.
 */
class OfficeApprovalPackTest {
  static final Path FORMS = Path.of("..", "packs", "office-approval", "forms");

  static Form compile(String name) throws Exception {
    Intake.Result r = Intake.draft(Files.readString(FORMS.resolve(name + ".txt")));
    assertEquals(List.of(), r.unplaced(), name);
    return FormParser.parse(FormFormatter.format(r.form()));
  }

  @Test
  void everyDescriptionCompiles() throws Exception {
    for (String name : List.of("leave-request", "expense-claim", "contract-review")) {
      Form f = compile(name);
      assertEquals(f, FormParser.parse(FormFormatter.format(f)), name);
    }
    assertEquals(Form.Mode.ANY, compile("contract-review").steps().get(2).mode());
  }

  @Test
  void aLeaveRequestRunsThroughApprovalsAndASendBack() throws Exception {
    Form leave = compile("leave-request");
    try (FormRuntime rt = FormRuntime.open("jdbc:h2:mem:leave;DB_CLOSE_DELAY=-1", "sa", "")) {
      rt.deploy(leave);
      Map<String, Object> shortLeave =
          new HashMap<>(Map.of("start_date", "2026-12-21", "days", 2, "kind", "annual"));
      String a = rt.start(leave, "lan", "minh", shortLeave);
      rt.approve(
          rt.tasks("minh", List.of("team_lead")).getFirst().id(),
          "minh",
          List.of("team_lead"),
          "enjoy");
      assertEquals("approved", rt.status(a), "two days need no HR");

      Map<String, Object> longLeave =
          new HashMap<>(Map.of("start_date", "2027-01-04", "days", 10, "kind", "parental"));
      String b = rt.start(leave, "lan", "minh", longLeave);
      List<String> lead = List.of("team_lead");
      rt.approve(rt.tasks("minh", lead).getFirst().id(), "minh", lead, null);
      rt.reject(
          rt.tasks("hoa", List.of("hr")).getFirst().id(),
          "hoa",
          List.of("hr"),
          "attach the certificate");
      assertEquals("team_lead", rt.tasks("minh", lead).getFirst().step(), "sent back");
      rt.approve(rt.tasks("minh", lead).getFirst().id(), "minh", lead, null);
      rt.approve(rt.tasks("hoa", List.of("hr")).getFirst().id(), "hoa", List.of("hr"), null);
      assertEquals("approved", rt.status(b));
      assertEquals(
          List.of(
              "team_lead by minh: approve",
              "hr by hoa: reject \"attach the certificate\"",
              "team_lead by minh: approve",
              "hr by hoa: approve"),
          rt.audit(b));
    }
  }
}
