package dev.scion.dialog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bank-cards pack's rules (CONTRACTS.md), run by an engine that knows no bank: identity before
 * any account task, three mismatches to a person, a confirmed write with a BK reference, a blocked
 * card that cannot be unfrozen, the 60-day dispute window, a limit above 5,000 to a person.
 */
class BankCardsConversationTest {
  static final LocalDate TODAY = LocalDate.of(2026, 12, 6);
  static final Pattern REFERENCE = Pattern.compile("BK\\d{10}");
  @TempDir static Path data;
  static Pack pack;

  @BeforeAll
  static void open() {
    pack = Pack.open(Path.of("..", "packs", "bank-cards"), data, line -> {});
  }

  @AfterAll
  static void close() {
    pack.close();
  }

  @BeforeEach
  void freshData() {
    pack.resetBusinessData();
  }

  private static DialogEngine.Turn say(DialogState s, String message) {
    DialogEngine.Turn t = pack.turn(s, message, TODAY);
    System.out.println("> " + message + "\n" + t.reply());
    return t;
  }

  private static Object slot(DialogState s, String name) {
    return s.active() == null ? s.context.get(name) : s.active().slots.get(name);
  }

  @Test
  void identityComesFirstThenTheWriteIsConfirmedWithAReference() {
    DialogState s = pack.newConversation("freeze");
    DialogEngine.Turn t = say(s, "please freeze my card, I can't find it right now");
    assertEquals("freeze_card", s.activeTask());
    assertFalse(REFERENCE.matcher(t.reply()).find(), t.reply());
    say(s, "the card number ends in 4821");
    t = say(s, "my birthday is the 12th of April 1990");
    assertEquals("4821", slot(s, "card_last4"));
    assertEquals("1990-04-12", slot(s, "date_of_birth"));
    assertTrue(s.active().awaitingConfirmation, t.reply());
    assertFalse(
        REFERENCE.matcher(t.reply()).find(), "nothing written before the yes: " + t.reply());
    t = say(s, "yes, go ahead");
    assertTrue(REFERENCE.matcher(t.reply()).find(), t.reply());
    assertTrue(t.outcome().contains("completed:freeze_card"), t.outcome().toString());
  }

  @Test
  void threeMismatchesGoToAPersonAndNothingIsChanged() {
    DialogState s = pack.newConversation("mismatch");
    say(s, "I need to block my credit card, it was stolen");
    DialogEngine.Turn t = null;
    for (String dob :
        new String[] {"7315, born 1 January 1991", "7315 2 March 1988", "7315 1999-09-09"}) {
      t = say(s, dob);
      assertFalse(REFERENCE.matcher(t.reply()).find(), t.reply());
    }
    assertTrue(t.outcome().contains("handoff"), t.outcome() + " " + t.reply());
    assertEquals(null, s.activeTask());
    t = say(s, "I need to block my credit card, it was stolen");
    assertTrue(t.outcome().contains("handoff"), "no second chance: " + t.reply());
    DialogState other = pack.newConversation("after");
    say(other, "show me the transactions of my credit card 7315");
    t = say(other, "I was born on 12/04/1990");
    assertTrue(
        t.reply().contains("Vinmart"), "the card still works and shows its payments: " + t.reply());
  }

  @Test
  void aBlockedCardCannotBeUnfrozenAndOldPaymentsCannotBeDisputed() {
    DialogState s = pack.newConversation("rules");
    say(s, "I need to block my debit card, it was stolen");
    say(s, "4821");
    say(s, "12 April 1990");
    DialogEngine.Turn t = say(s, "yes");
    assertTrue(REFERENCE.matcher(t.reply()).find(), t.reply());
    t = say(s, "now unfreeze card 4821 please");
    if (s.active() != null && s.active().awaitingConfirmation) {
      t = say(s, "yes");
    }
    assertFalse(REFERENCE.matcher(t.reply()).find(), "a blocked card stays blocked: " + t.reply());

    DialogState d = pack.newConversation("dispute");
    say(d, "I want to dispute the Lazada payment of August 15 on my credit card 7315");
    t = say(d, "born 1990-04-12");
    assertFalse(REFERENCE.matcher(t.reply()).find(), t.reply());
    assertTrue(t.reply().contains("60"), "the 60-day window is said: " + t.reply());
  }

  @Test
  void aLimitAboveFiveThousandGoesToAPerson() {
    DialogState s = pack.newConversation("limit");
    DialogEngine.Turn t = say(s, "can you raise the limit on my credit card to 8000?");
    assertFalse(t.outcome().contains("handoff"), "identity first: " + t.reply());
    assertEquals("change_limit", s.activeTask());
    t = say(s, "7315, born 1990-04-12");
    assertTrue(t.outcome().contains("handoff"), t.outcome() + " " + t.reply());
    assertFalse(REFERENCE.matcher(t.reply()).find(), t.reply());
  }

  @Test
  void aCorrectedCardNumberAndChineseDigitsSaidOneByOne() {
    DialogState s = pack.newConversation("corrected-digits");
    say(s, "帮我冻结一下我的卡");
    say(s, "尾号六六二零");
    assertEquals("6620", s.active().slots.get("card_last4"));
    say(s, "哦不好意思，是6602不是6620");
    assertEquals("6602", s.active().slots.get("card_last4"), "the value not denied");
  }

  @Test
  void aCorrectedAmountIsNotTakenForTheCard() {
    DialogState s = pack.newConversation("corrected-amount");
    say(s, "raise the limit on my credit card 7315 to 4000");
    say(s, "born 1990-04-12");
    say(s, "actually make it 3500");
    assertEquals("7315", s.active().slots.get("card_last4"));
    assertEquals(3500L, ((Number) s.active().slots.get("new_limit")).longValue());
  }

  @Test
  void chineseIdentityInTwoMessagesKeepsTheConversationsLanguage() {
    DialogState s = pack.newConversation("zh");
    say(s, "帮我冻结一下借记卡");
    DialogEngine.Turn t = say(s, "6602");
    assertTrue(
        t.reply()
            .codePoints()
            .anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN),
        t.reply());
    t = say(s, "1985-09-03");
    assertTrue(s.active() != null && s.active().awaitingConfirmation, t.reply());
    t = say(s, "确认");
    assertTrue(REFERENCE.matcher(t.reply()).find(), t.reply());
  }
}
