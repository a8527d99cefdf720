package dev.scion.forms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** What the intake promises whatever the wording: nothing lost, the user's nouns, named roles. */
class IntakeInvariantsTest {
  private static Form.Field field(Form f, String name) {
    for (Form.Field x : f.fields()) {
      if (x.id().equals(name) || name.equals(x.label())) {
        return x;
      }
    }
    return null;
  }

  @Test
  void fieldNamesAreTheNounsTheUserSaid() {
    Form f =
        Intake.draft(
                "A purchase order form: supplier and total are required. Amount is a number in USD"
                    + " and is required. Finance approves.")
            .form();
    assertEquals(
        List.of("supplier", "total", "amount"), f.fields().stream().map(Form.Field::id).toList());
    assertEquals(Form.Type.MONEY, field(f, "amount").type());
    assertTrue(field(f, "amount").required());
    assertEquals("Purchase order", f.name());

    Form zh = Intake.draft("差旅报销单：出发日期和目的地须填写。由财务审批。").form();
    assertNotNull(field(zh, "出发日期"), zh.toString());
    assertNotNull(field(zh, "目的地"), zh.toString());
    assertEquals("差旅报销单", zh.name());
  }

  @Test
  void namedRolesStayRolesAndTheApplicantsManagerIsTheManager() {
    Form f =
        Intake.draft(
                "Reason is required. First the team lead approves, then HR, then finance. Finally"
                    + " the CFO approves. If the reason is urgent, the applicant's manager approves too.")
            .form();
    List<String> who = new ArrayList<>();
    f.steps().forEach(s -> s.approvers().forEach(a -> who.add(a.toString())));
    assertEquals(
        List.of("role team_lead", "role hr", "role finance", "role cfo", "manager of applicant"),
        who,
        f.toString());
    Form zh = Intake.draft("事由必填。先由直属上级审批，然后人事审批。").form();
    assertEquals("manager of applicant", zh.steps().get(0).approvers().get(0).toString());
    assertEquals("role hr", zh.steps().get(1).approvers().get(0).toString());
  }

  @Test
  void onlyWhatTheUserCalledRequiredIsRequired() {
    Form f =
        Intake.draft(
                "Name is required. The form also asks for phone number and email. Category is a"
                    + " drop-down of a, b, c. Finance approves.")
            .form();
    assertTrue(field(f, "name").required());
    assertEquals(false, field(f, "phone_number").required(), f.toString());
    assertEquals(false, field(f, "email").required());
    assertEquals(false, field(f, "category").required());
  }

  @Test
  void whatCannotBePlacedIsShownAtTheUsersOwnLine() {
    Intake.Result r =
        Intake.draft("Amount is required.\nFinance approves.\nAlso, make it look nice and blue.");
    assertEquals(1, r.where().size(), r.toString());
    Intake.Unplaced u = r.where().getFirst();
    assertEquals(3, u.line());
    assertTrue(u.words().endsWith("make it look nice and blue"), u.toString());
    assertEquals(1, u.column());
  }

  /**
   * Descriptions made at random from statements with known nouns: every noun ends as a field, an
   * option or an approver, or its statement is listed as unplaced; none is dropped in silence.
   */
  @Test
  void nothingIsSilentlyLost() {
    long seed = 20261206L;
    System.out.println("nothingIsSilentlyLost seed " + seed);
    Random random = new Random(seed);
    String[][] statements = {
      {"Budget holder and ledger code are mandatory", "budget holder", "ledger code"},
      {"Remarks may stay empty", "remarks"},
      {"Shipping is one of ground, air, sea", "shipping", "ground", "air", "sea"},
      {"First the plant manager signs off", "plant manager"},
      {"then the quality team approves", "quality team"},
      {"If the cost is above 3000, the COO approves", "coo", "cost"},
      {"Please print it in landscape", null},
      {"项目名称和预计费用必填", "项目名称", "预计费用"},
      {"然后由质量部审批", "质量部"},
      {"请打印成横版", null}
    };
    for (int round = 0; round < 20; round++) {
      List<String[]> chosen = new ArrayList<>();
      for (String[] s : statements) {
        if (random.nextBoolean()) {
          chosen.add(s);
        }
      }
      StringBuilder text = new StringBuilder();
      chosen.forEach(s -> text.append(s[0]).append(s[0].matches(".*\\p{IsHan}.*") ? "。" : ". "));
      Intake.Result r = Intake.draft(text.toString());
      List<String> found = new ArrayList<>();
      r.form()
          .fields()
          .forEach(
              f -> {
                found.add(f.id().replace('_', ' '));
                if (f.label() != null) {
                  found.add(f.label());
                }
                found.addAll(f.options());
              });
      r.form()
          .steps()
          .forEach(s -> s.approvers().forEach(a -> found.add(a.name().replace('_', ' '))));
      for (String[] s : chosen) {
        boolean unplaced =
            r.unplaced().stream().anyMatch(u -> s[0].contains(u) || u.contains(s[0]));
        if (s[1] == null) {
          assertTrue(unplaced, "'" + s[0] + "' is listed as unplaced: " + r);
          continue;
        }
        for (int i = 1; i < s.length; i++) {
          String noun = s[i];
          assertTrue(
              unplaced || found.stream().anyMatch(x -> x.equalsIgnoreCase(noun)),
              "'" + noun + "' of '" + s[0] + "' is in the form or unplaced: " + found + " " + r);
        }
      }
    }
  }
}
