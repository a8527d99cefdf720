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
    runtime.approve(only("ana", List.of("finance"), r).id(), "ana", List.of("finance"), null);
    assertEquals("hr_legal", only("hoa", List.of("hr"), r).step(), "no director under 5000");
    runtime.approve(only("hoa", List.of("hr"), r).id(), "hoa", List.of("hr"), null);
    runtime.approve(only("lee", List.of("legal"), r).id(), "lee", List.of("legal"), null);
    runtime.approve(
        only("mai", List.of("manager_a"), r).id(),
        "mai",
        List.of("manager_a"),
        "any one is enough");
    assertEquals("approved", runtime.status(r));
    assertTrue(
        runtime.copies("ivy", List.of("audit")).contains(r + " approved"), "copied to audit");
    assertEquals(
        List.of(),
        runtime.copies("ivy", List.of("sales")).stream().filter(c -> c.startsWith(r)).toList());
    assertEquals(
        List.of(
            "team_lead by minh: approve \"ok\"",
            "finance by ana: approve",
            "hr_legal by hoa: approve",
            "hr_legal by lee: approve",
            "any_manager by mai: approve \"any one is enough\"",
            "any_manager not needed from role manager_b"),
        runtime.audit(r));
  }

  @Test
  void aLargeClaimNeedsTheDirectorAndARejectionGoesBack() {
    String r = runtime.start(EXPENSE, "lan", "minh", claim(9000));
    runtime.approve(only("minh", List.of(), r).id(), "minh", null);
    runtime.reject(
        only("ana", List.of("finance"), r).id(), "ana", List.of("finance"), "receipt missing");
    assertEquals("team_lead", only("minh", List.of(), r).step(), "sent back to the team lead");
    runtime.approve(only("minh", List.of(), r).id(), "minh", null);
    runtime.approve(only("ana", List.of("finance"), r).id(), "ana", List.of("finance"), null);
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
    runtime.approve(escalated.id(), "boss", List.of("finance_lead"), null);
    assertEquals(
        "hr_legal", only("hoa", List.of("hr"), r).step(), "the escalation's decision counts");
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
    List<String> lead = List.of("team_lead"); // "the team lead" is a role, not the manager
    runtime.approve(only("minh", lead, a).id(), "minh", lead, "enjoy");
    assertEquals("approved", runtime.status(a), "two days need no HR");
    Map<String, Object> longLeave =
        new HashMap<>(Map.of("start_date", "2027-01-04", "days", 10, "kind", "parental"));
    String b = runtime.start(leave, "lan", "minh", longLeave);
    runtime.approve(only("minh", lead, b).id(), "minh", lead, null);
    runtime.reject(
        only("hoa", List.of("hr"), b).id(), "hoa", List.of("hr"), "attach the certificate");
    assertEquals("team_lead", only("minh", lead, b).step(), "sent back");
    runtime.approve(only("minh", lead, b).id(), "minh", lead, null);
    runtime.approve(only("hoa", List.of("hr"), b).id(), "hoa", List.of("hr"), null);
    assertEquals("approved", runtime.status(b));
  }

  @Test
  void aStrangersDecisionIsRefusedAndTheTaskStaysOpen() {
    String r = runtime.start(EXPENSE, "lan", "minh", claim(150));
    String lead = only("minh", List.of(), r).id();
    FormAccessException refused =
        assertThrows(
            FormAccessException.class,
            () -> runtime.approve(lead, "mallory", List.of("sales"), "let me"));
    assertEquals(
        "task " + lead + " (team_lead) is decided by user minh; mallory is neither",
        refused.getMessage());
    assertThrows(FormAccessException.class, () -> runtime.delegate(lead, "mallory", "mallory"));
    assertThrows(FormAccessException.class, () -> runtime.addSigner(lead, "mallory", "eve"));
    assertTrue(runtime.hasOpenTask(lead), "still open");
    runtime.approve(lead, "minh", "fine");
    String finance = only("ana", List.of("finance"), r).id();
    FormAccessException notFinance =
        assertThrows(
            FormAccessException.class, () -> runtime.reject(finance, "minh", List.of(), "no"));
    assertTrue(notFinance.getMessage().contains("role finance"), notFinance.getMessage());
    assertEquals("running", runtime.status(r));
    assertEquals(
        List.of("team_lead by minh: approve \"fine\"", "finance waiting for role finance"),
        runtime.audit(r));
    runtime.reject(finance, "bao", List.of("finance"), "over budget");
    assertEquals(
        "finance by bao: reject \"over budget\"", runtime.audit(r).get(1), "the real decider");
  }

  @Test
  void theAuditNamesWhoDelegatedAndWhoDecided() {
    String r = runtime.start(EXPENSE, "lan", "minh", claim(80));
    runtime.delegate(only("minh", List.of(), r).id(), "minh", "tuan");
    runtime.approve(only("tuan", List.of(), r).id(), "tuan", "for minh");
    assertEquals(
        "team_lead by tuan: minh delegate to tuan; approve \"for minh\"",
        runtime.audit(r).getFirst());
  }
}
