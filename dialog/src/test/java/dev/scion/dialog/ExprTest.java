package dev.scion.dialog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The expression language of derivations and rules. */
class ExprTest {
  @Test
  void datesBeyondTheYear9999AreStillDates() {
    LocalDate far = LocalDate.parse("+99999-01-01");
    Map<String, Object> v = Map.of("check_in", far.toString(), "nights", 2L);
    assertEquals(far.plusDays(2), Expr.eval("check_in + nights", v, far));
    assertEquals(
        Boolean.TRUE,
        Expr.eval("check_in >= today", Map.of("check_in", far.plusDays(2).toString()), far));
    assertEquals(
        2L,
        Expr.eval(
            "check_out - check_in",
            Map.of("check_out", "+99999-01-03", "check_in", far.toString()),
            far));
  }

  @Test
  void valuesOfTheWrongKindAreAnErrorOfTheExpressionNotACrash() {
    Map<String, Object> v = Map.of("city", "Hanoi", "nights", 2L, "check_in", "2026-12-01");
    DialogException sum =
        assertThrows(DialogException.class, () -> Expr.eval("city + nights", v, LocalDate.EPOCH));
    assertEquals("cannot apply '+' to Hanoi in 'city + nights'", sum.getMessage());
    assertThrows(DialogException.class, () -> Expr.eval("check_in * 2", v, LocalDate.EPOCH));
    assertThrows(DialogException.class, () -> Expr.eval("check_in >= 3", v, LocalDate.EPOCH));
    assertThrows(
        DialogException.class, () -> Expr.eval("nights * 4611686018427387904", v, LocalDate.EPOCH));
  }

  @Test
  void wholeDivisionAndParenthesesGroupAsWritten() {
    Map<String, Object> v = Map.of("guests", 9L, "day", "2026-10-01");
    assertEquals(3L, Expr.eval("( guests + 3 ) / 4", v, LocalDate.EPOCH));
    assertEquals(11L, Expr.eval("guests + 8 / 4", v, LocalDate.EPOCH));
    LocalDate today = LocalDate.parse("2026-12-06");
    assertEquals(Boolean.FALSE, Expr.eval("day >= today - 60", v, today));
    assertEquals(Boolean.TRUE, Expr.eval("day >= today - 70", v, today));
    DialogException open =
        assertThrows(DialogException.class, () -> Expr.eval("( guests + 3", v, today));
    assertEquals("'( guests + 3' opens a parenthesis it does not close", open.getMessage());
    assertThrows(DialogException.class, () -> Expr.eval("guests / 0", v, today));
    assertThrows(DialogException.class, () -> Expr.eval("guests +", v, today));
  }
}
