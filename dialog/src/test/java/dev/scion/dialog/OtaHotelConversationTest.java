package dev.scion.dialog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scripted conversations with the ota-hotel pack, checked turn by turn. */
class OtaHotelConversationTest {
  static final LocalDate TODAY = LocalDate.of(2026, 12, 1);
  @TempDir static Path data;
  static Pack pack;

  @BeforeAll
  static void open() {
    pack = Pack.open(Path.of("..", "packs", "ota-hotel"), data, line -> {});
  }

  @AfterAll
  static void close() {
    pack.close();
  }

  private static DialogEngine.Turn say(DialogState s, String message) {
    DialogEngine.Turn t = pack.turn(s, message, TODAY);
    System.out.println("> " + message + "\n" + t.reply());
    return t;
  }

  private static Object slot(DialogState s, String name) {
    return s.active() == null ? null : s.active().slots.get(name);
  }

  @Test
  void theSeedScenarioSwitchesDatesAnswersThePolicyAndBooks() {
    DialogState s = pack.newConversation("seed");
    DialogEngine.Turn t =
        say(
            s,
            "book a hotel in Da Nang for the 10th no wait, show me the 11th, and what is the cancellation policy?");
    assertTrue(
        t.intents().containsAll(List.of("book_hotel", "ask_policy")), t.intents().toString());
    assertEquals("book_hotel", s.activeTask());
    assertEquals("Da Nang", slot(s, "city"));
    assertEquals("2026-12-11", slot(s, "check_in"));
    assertTrue(t.reply().contains("cancel"), t.reply());
    assertTrue(t.reply().contains("(source: knowledge/"), t.reply());
    assertTrue(
        t.reply().endsWith("How many nights will you stay, or when will you check out?"),
        t.reply());

    t = say(s, "for 2 nights");
    assertEquals("2026-12-13", slot(s, "check_out"));
    assertTrue(t.reply().contains("1. Dragon Bridge Hotel"), t.reply());
    assertTrue(t.reply().endsWith("Which hotel would you like to book?"));

    t = say(s, "actually make it 3 adults");
    assertEquals(3L, ((Number) slot(s, "adults")).longValue());
    assertTrue(t.reply().contains("3 guests"), "the search runs again: " + t.reply());

    say(s, "the second one");
    assertEquals("My Khe Beach Resort", slot(s, "hotel"));
    say(s, "my name is Lan Nguyen");
    t = say(s, "lan@example.com");
    assertEquals("lan@example.com", slot(s, "contact"));
    assertTrue(
        t.reply().startsWith("Please confirm: a Family room at My Khe Beach Resort"), t.reply());

    t = say(s, "no wait, the 12th");
    assertTrue(t.reply().contains("check-in date changed to 2026-12-12"), t.reply());
    assertEquals("2026-12-14", slot(s, "check_out"), "the stay keeps its length");
    assertTrue(t.reply().contains("2026-12-12 to 2026-12-14"), "asks again with the new dates");

    t = say(s, "yes");
    assertTrue(
        t.reply().matches("(?s)Done! Your booking number is SC[2-9A-HJKMNP-Z]{12} .*"), t.reply());
    assertNull(s.activeTask());
  }

  @Test
  void rulesAndBadInputGetHelpfulReplies() {
    DialogState s = pack.newConversation("rules");
    DialogEngine.Turn t = say(s, "hotels in Hanoi from the 10th to the 8th");
    assertTrue(t.reply().contains("The check-out date must be after the check-in date"), t.reply());
    assertNull(slot(s, "check_out"), "the wrong date is asked again");
    t = say(s, "find me a hotel in Paris");
    assertTrue(t.reply().contains("we have no hotels in Paris"), t.reply());
    assertTrue(say(s, "").reply().startsWith("Sorry, I did not understand"));
    assertTrue(say(s, "asdkjh qwe zzz").reply().length() > 10);
    say(s, "x".repeat(50_000));
    t = say(s, "find me a hotel in Hanoi for the 10th for 2 nights for 9 adults");
    assertTrue(t.reply().contains("at least 3 rooms"), t.reply());
  }

  @Test
  void aDigressionResumesTheTaskAndTheStateSurvivesJson() throws Exception {
    DialogState s = pack.newConversation("digression");
    say(s, "I want to book a room in Hoi An for the 20th");
    DialogEngine.Turn t = say(s, "can I bring my dog?");
    assertTrue(t.reply().contains("dog") || t.reply().contains("pet"), t.reply());
    assertTrue(
        t.reply()
            .endsWith(
                "Back to your booking: How many nights will you stay, or when will you check out?"),
        t.reply());
    ObjectMapper json = new ObjectMapper();
    DialogState copy = json.readValue(json.writeValueAsString(s), DialogState.class);
    String next = pack.turn(copy, "3 nights", TODAY).reply();
    assertEquals(say(s, "3 nights").reply(), next);
  }

  @Test
  void chineseIsUnderstoodAndAnsweredInChinese() {
    DialogState s = pack.newConversation("zh");
    DialogEngine.Turn t = say(s, "帮我订北京12月20日的酒店，住两晚");
    assertEquals("zh", s.language);
    assertEquals("book_hotel", s.activeTask());
    assertEquals("Beijing", slot(s, "city"));
    assertEquals("2026-12-20", slot(s, "check_in"));
    assertEquals(2L, ((Number) slot(s, "nights")).longValue());
    assertTrue(t.reply().contains("您想预订哪家酒店？"), t.reply());
    assertTrue(t.reply().startsWith("北京，2026-12-20至2026-12-22"), t.reply());
  }

  @Test
  void aSoldOutRoomIsSaidAndNothingIsWritten() {
    String last = null;
    String[] names = {"Anna Muller", "Kenji Sato", "Sarah Lee", "Minh Tran"};
    for (int guest = 0; guest < 4; guest++) {
      DialogState s = pack.newConversation("suite-" + guest);
      say(s, "I want to book a suite at Bund View Hotel for December 20 for 2 nights");
      say(s, "my name is " + names[guest]);
      last = say(s, "guest" + guest + "@example.com").reply();
      if (guest < 3) {
        assertTrue(last.startsWith("Please confirm: a Suite room at Bund View Hotel"), last);
        assertTrue(say(s, "yes").reply().startsWith("Done!"));
      }
    }
    assertEquals(
        "Sorry, Bund View Hotel has no free room for those dates. Would you like other dates or another hotel?",
        last.lines().findFirst().orElseThrow());
  }

  /** Books a room at Lotus Lake Hotel in conversation {@code s}; returns the booking code. */
  private static String book(DialogState s, String firstMessage, String name) {
    say(s, firstMessage);
    say(s, "my name is " + name);
    say(s, name.toLowerCase(java.util.Locale.ROOT).replace(' ', '.') + "@example.com");
    String done = say(s, "yes").reply();
    var m =
        java.util.regex.Pattern.compile("booking number is (SC[2-9A-HJKMNP-Z]{12})").matcher(done);
    assertTrue(m.find(), done);
    return m.group(1);
  }

  @Test
  void cancellingNeedsAConfirmationAndAnExistingBooking() {
    DialogState s = pack.newConversation("cancel");
    DialogEngine.Turn t = say(s, "cancel my booking SC00000001");
    assertEquals("cancel_booking", s.activeTask());
    assertEquals("I could not find booking SC00000001.", t.reply());
    String id =
        book(
            pack.newConversation("to-cancel"),
            "book a room at Lotus Lake Hotel for December 12 for 2 nights",
            "Ola Berg");
    s = pack.newConversation("cancel-2");
    t = say(s, "cancel my booking " + id.toLowerCase(java.util.Locale.ROOT));
    assertEquals("Do you want to cancel booking " + id + "?", t.reply());
    t = say(s, "yes");
    assertTrue(t.reply().startsWith("Booking " + id + " is cancelled"), t.reply());
  }

  @Test
  void twoConversationsThatBeginAlikeMakeTwoBookings() {
    String first = "book a room at Lotus Lake Hotel for December 20 for 2 nights";
    String anna = book(pack.newConversation("same"), first, "Anna Berg");
    String bo = book(pack.newConversation("same"), first, "Bo Chen");
    assertTrue(!anna.equals(bo), "the second customer gets a booking of their own: " + bo);
    assertEquals(
        anna,
        book(pack.newConversation("same"), first, "Anna Berg"),
        "the same conversation replayed is the same booking");
    DialogState check = pack.newConversation("check");
    assertTrue(say(check, "check my booking " + bo).reply().contains("2026-12-20"));
    assertTrue(say(check, "check my booking " + anna).reply().contains("2026-12-20"));
  }

  @Test
  void aBookingIsFoundAndChangedOnlyByItsTenant() {
    String id =
        book(
            pack.newConversation("mine", "acme"),
            "book a room at Lotus Lake Hotel for December 14 for 2 nights",
            "Kim Park");
    DialogState other = pack.newConversation("theirs", "globex");
    assertEquals(
        "I could not find booking " + id + ".", say(other, "check my booking " + id).reply());
    other = pack.newConversation("theirs-2", "globex");
    DialogEngine.Turn t = say(other, "change my booking " + id + " to December 22 for 2 nights");
    assertTrue(t.reply().startsWith("I could not find a booking " + id), t.reply());
    say(other, "yes");
    DialogState mine = pack.newConversation("mine-2", "acme");
    t = say(mine, "check my booking " + id);
    assertTrue(t.reply().contains("2026-12-14 to 2026-12-16, confirmed"), t.reply());
  }

  @Test
  void aNegativeOrZeroStayIsAskedAgainNeverFlipped() {
    DialogState s = pack.newConversation("negative");
    DialogEngine.Turn t = say(s, "book a room in Hoi An for the 20th for -3 nights");
    assertNull(slot(s, "nights"), t.reply());
    assertTrue(t.reply().contains("cannot be a nights: it must be more than zero"), t.reply());
    assertTrue(t.reply().endsWith("How many nights will you stay, or when will you check out?"));
    t = say(s, "0 nights");
    assertNull(slot(s, "nights"), t.reply());
    assertTrue(t.reply().contains("cannot be a nights: it must be more than zero"), t.reply());
    t = say(s, "for -2 nights");
    assertNull(slot(s, "nights"), t.reply());
    assertTrue(t.reply().contains("cannot be a nights: it must be more than zero"), t.reply());
    t = say(s, "2-3 nights");
    assertTrue(t.reply().contains("(2 nights)"), "a range is no minus: " + t.reply());
    DialogState huge = pack.newConversation("huge");
    t = say(huge, "book a room in Hoi An for the 20th for 99999999999999999999 nights");
    assertNull(slot(huge, "nights"), t.reply());
  }

  @Test
  void aDateThatHasJustPassedIsQuestionedNotMovedToNextYear() {
    DialogState s = pack.newConversation("past");
    DialogEngine.Turn t = pack.turn(s, "hotels in Hanoi from November 28 for 2 nights", TODAY);
    assertNull(slot(s, "check_in"), t.reply());
    assertTrue(t.reply().contains("2026-11-28 is in the past"), t.reply());
    t = pack.turn(s, "December 10", TODAY);
    assertEquals("2026-12-10", slot(s, "check_in"), t.reply());
  }

  @Test
  void aBookingCanBeMovedToOtherDates() {
    DialogState s = pack.newConversation("modify");
    say(s, "book a room at Lotus Lake Hotel for December 10 for 2 nights");
    say(s, "my name is Sarah Lee");
    say(s, "sarah@example.com");
    String done = say(s, "yes").reply();
    String id = done.replaceAll("(?s).*(SC[2-9A-HJKMNP-Z]{12}).*", "$1");
    assertTrue(id.matches("SC[2-9A-HJKMNP-Z]{12}"), done);
    DialogEngine.Turn t = say(s, "change my booking " + id + " to December 15 for 3 nights");
    assertEquals("modify_booking", s.activeTask());
    assertTrue(
        t.reply().startsWith("Shall I move booking " + id + " to 2026-12-15 to 2026-12-18"),
        t.reply());
    t = say(s, "yes");
    assertTrue(
        t.reply().startsWith("Done: booking " + id + " is now 2026-12-15 to 2026-12-18"),
        t.reply());
  }

  @Test
  void neverMindStopsTheTaskAndGibberishIsClarified() {
    DialogState s = pack.newConversation("stop");
    say(s, "I want to book a room in Hoi An for the 20th");
    DialogEngine.Turn t = say(s, "never mind");
    assertEquals(List.of(new Command.CancelTask()), t.commands());
    assertNull(s.activeTask());
    assertTrue(t.reply().startsWith("All right, I have stopped the booking."), t.reply());
    t = say(s, "");
    assertEquals(List.of(new Command.Clarify()), t.commands());
  }
}
