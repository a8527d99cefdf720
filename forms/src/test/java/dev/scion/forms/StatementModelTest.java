package dev.scion.forms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The statement model reads statements worded unlike any in its corpus. */
class StatementModelTest {
  static final Path INTAKE = Path.of("..", "packs", "office-approval", "intake");

  /** Checks that a statement is not in the corpus, so that the model reads it, not recalls it. */
  static StatementModel.Reading unseen(String statement) throws Exception {
    for (String f : StatementModel.CORPUS) {
      String corpus =
          Files.readString(INTAKE.resolve(f), StandardCharsets.UTF_8)
              .replaceAll("\\[([^\\]]*)\\]\\([a-z_]+\\)", "$1");
      assertFalse(corpus.contains(statement), statement + " is in " + f);
    }
    return StatementModel.shared().read(statement);
  }

  @Test
  void englishFieldStatements() throws Exception {
    StatementModel.Reading r = unseen("Vendor name and invoice date are required");
    assertEquals(List.of("fields_required"), r.kinds());
    assertEquals(List.of("Vendor name", "invoice date"), r.all("field"));

    r = unseen("Delivery address can be left blank");
    assertEquals(List.of("fields_optional"), r.kinds());
    assertEquals(List.of("Delivery address"), r.all("field"));

    r = unseen("Payment method is one of cash, cheque or wire");
    assertTrue(r.is("choice"), r.toString());
    assertEquals(List.of("cash", "cheque", "wire"), r.all("option"));
  }

  @Test
  void englishApprovalStatements() throws Exception {
    StatementModel.Reading r = unseen("After that the regional director approves");
    assertTrue(r.is("approval_step"), r.toString());
    assertEquals(1, r.all("role").size(), r.toString());
    assertEquals(
        new Form.Approver("role", "regional_director"), Intake.who(r.all("role").getFirst()));

    r = unseen("If the amount is over 8000, the CFO signs off as well");
    assertTrue(r.is("approval_step"), r.toString());
    assertEquals(List.of("amount"), r.all("cond_field"));
    assertEquals(List.of("8000"), r.all("value"));
    assertEquals(new Form.Approver("role", "cfo"), Intake.who(r.all("role").getFirst()));
  }

  @Test
  void chineseStatements() throws Exception {
    StatementModel.Reading r = unseen("报销人和报销日期必填");
    assertEquals(List.of("fields_required"), r.kinds());
    assertEquals(List.of("报销人", "报销日期"), r.all("field"));

    r = unseen("然后由财务经理审批");
    assertTrue(r.is("approval_step"), r.toString());
    assertEquals(List.of("财务经理"), r.all("role"));

    r = unseen("出差天数超过5天的由总经理审批");
    assertTrue(r.is("approval_step"), r.toString());
    assertEquals(List.of("5"), r.all("value"));
    assertEquals(List.of("总经理"), r.all("role"));
  }

  @Test
  void theModelIsTrainedOnceAndLoadedFromItsCache(@TempDir Path cache) throws Exception {
    long t0 = System.nanoTime();
    StatementModel trained = StatementModel.loadOrTrain(cache);
    long train = System.nanoTime() - t0;
    t0 = System.nanoTime();
    StatementModel loaded = StatementModel.loadOrTrain(cache);
    long load = System.nanoTime() - t0;
    System.out.printf(
        java.util.Locale.ROOT,
        "trained in %d ms, loaded in %d ms%n",
        train / 1_000_000,
        load / 1_000_000);
    try (var dirs = Files.list(cache)) {
      assertEquals(1, dirs.count(), "one cached model, named by the corpus");
    }
    for (String s : List.of("Then HR approves", "金额必填", "Type is a drop-down of a, b, c")) {
      assertEquals(trained.read(s), loaded.read(s), s);
    }
    assertTrue(
        load < train, "loading (" + load + " ns) is faster than training (" + train + " ns)");
  }
}
