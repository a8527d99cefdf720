package dev.scion.forms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The expense claim on a real embedded Flowable engine; each database's test class says how to open
 * the engine.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FormRuntimeContract {
  FormRuntime runtime;
  static final Form EXPENSE = FormParser.parse(FormLanguageTest.EXPENSE);

  abstract FormRuntime openRuntime() throws Exception;

  void closeDatabase() throws Exception {}

  @BeforeAll
  void open() throws Exception {
    runtime = openRuntime();
    runtime.deploy(EXPENSE);
  }

  @AfterAll
  void close() throws Exception {
    runtime.close();
    closeDatabase();
  }

  static Map<String, Object> claim(double amount) {
    Map<String, Object> d = new HashMap<>();
    d.put("amount", amount);
    d.put("reason", "client visit");
    d.put("type", "meals");
    return d;
  }

  private FormRuntime.Pending only(String user, List<String> groups, String request) {
    List<FormRuntime.Pending> mine =
        runtime.tasks(user, groups).stream().filter(p -> p.request().equals(request)).toList();
    assertEquals(1, mine.size(), user + " " + groups + ": " + mine);
    return mine.getFirst();
  }

  @Test
  void aSmallClaimSkipsTheDirectorAndAllSign() {
    String r = runtime.start(EXPENSE, "lan", "minh", claim(120));
    runtime.approve(only("minh", List.of(), r).id(), "minh", "ok");
    runtime.approve(only("ana", List.of("finance"), r).id(), "ana", null);
    assertEquals("hr_legal", only("hr", List.of(), r).step(), "no director under 5000");
    runtime.approve(only("hr", List.of(), r).id(), "hr", null);
    runtime.approve(only("legal", List.of(), r).id(), "legal", null);
    runtime.approve(only("manager_a", List.of(), r).id(), "manager_a", "any one is enough");
    assertEquals("approved", runtime.status(r));
    assertTrue(
        runtime.copies("ivy", List.of("audit")).contains(r + " approved"), "copied to audit");
    assertEquals(
        List.of(),
        runtime.copies("ivy", List.of("sales")).stream().filter(c -> c.startsWith(r)).toList());
    assertEquals(
        List.of(
            "team_lead by minh",
            "finance by ana",
            "hr_legal by hr",
            "hr_legal by legal",
            "any_manager by manager_a"),
        runtime.audit(r).stream().filter(a -> !a.startsWith("any_manager by manager_b")).toList());
  }

  @Test
  void aLargeClaimNeedsTheDirectorAndARejectionGoesBack() {
    String r = runtime.start(EXPENSE, "lan", "minh", claim(9000));
    runtime.approve(only("minh", List.of(), r).id(), "minh", null);
    runtime.reject(only("ana", List.of("finance"), r).id(), "ana", "receipt missing");
    assertEquals("team_lead", only("minh", List.of(), r).step(), "sent back to the team lead");
    runtime.approve(only("minh", List.of(), r).id(), "minh", null);
    runtime.approve(only("ana", List.of("finance"), r).id(), "ana", null);
    runtime.reject(only("director", List.of(), r).id(), "director", "too much");
    assertEquals("rejected", runtime.status(r));
  }

  @Test
  void badDataIsRefusedFieldByField() {
    Map<String, Object> d = claim(-5);
    d.put("type", "yacht");
    d.put("color", "blue");
    d.remove("reason");
    FormDataException e =
        assertThrows(FormDataException.class, () -> runtime.start(EXPENSE, "lan", "minh", d));
    assertEquals(
        List.of(
            "color: not a field of this form",
            "amount: should be at least 0",
            "reason: required",
            "type: should be one of travel, meals, equipment, training"),
        e.problems());
    Map<String, Object> travel = claim(10);
    travel.put("type", "travel");
    assertTrue(
        FormData.problems(EXPENSE, travel).contains("note: required"), "shown when type = travel");
  }

  @Test
  void anUndecidedStepEscalatesAndATaskCanBeDelegated() {
    String r = runtime.start(EXPENSE, "lan", "minh", claim(300));
    runtime.delegate(only("minh", List.of(), r).id(), "minh", "tuan");
    runtime.approve(only("tuan", List.of(), r).id(), "tuan", "approved for minh");
    only("ana", List.of("finance"), r); // finance has it now, and lets it wait
    assertEquals(
        1, runtime.fireTimers(java.time.Instant.now().plus(java.time.Duration.ofHours(49))));
    FormRuntime.Pending escalated = only("boss", List.of("finance_lead"), r);
    assertEquals("escalated_finance", escalated.step());
    runtime.approve(escalated.id(), "boss", null);
    assertEquals("hr_legal", only("hr", List.of(), r).step(), "the escalation's decision counts");
  }

  @Test
  void anAddedSignerMustApproveToo() {
    String r = runtime.start(EXPENSE, "lan", "minh", claim(200));
    String lead = only("minh", List.of(), r).id();
    runtime.addSigner(lead, "minh", "quang");
    FormException waiting =
        assertThrows(FormException.class, () -> runtime.approve(lead, "minh", null));
    assertTrue(waiting.getMessage().contains("[quang]"), waiting.getMessage());
    FormRuntime.Pending signer = only("quang", List.of(), r);
    assertEquals("team_lead", signer.step());
    runtime.approve(signer.id(), "quang", "agreed");
    runtime.approve(lead, "minh", null);
    assertEquals("finance", only("ana", List.of("finance"), r).step());
  }

  @Test
  void aLeaveRequestIsApprovedOrSentBack() throws Exception {
    Form leave = OfficeApprovalPackTest.compile("leave-request");
    runtime.deploy(leave);
    Map<String, Object> shortLeave =
        new HashMap<>(Map.of("start_date", "2026-12-21", "days", 2, "kind", "annual"));
    String a = runtime.start(leave, "lan", "minh", shortLeave);
    runtime.approve(only("minh", List.of(), a).id(), "minh", "enjoy");
    assertEquals("approved", runtime.status(a), "two days need no HR");
    Map<String, Object> longLeave =
        new HashMap<>(Map.of("start_date", "2027-01-04", "days", 10, "kind", "parental"));
    String b = runtime.start(leave, "lan", "minh", longLeave);
    runtime.approve(only("minh", List.of(), b).id(), "minh", null);
    runtime.reject(only("hoa", List.of("hr"), b).id(), "hoa", "attach the certificate");
    assertEquals("team_lead", only("minh", List.of(), b).step(), "sent back");
    runtime.approve(only("minh", List.of(), b).id(), "minh", null);
    runtime.approve(only("hoa", List.of("hr"), b).id(), "hoa", null);
    assertEquals("approved", runtime.status(b));
  }
}
