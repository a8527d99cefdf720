package dev.scion.dialog.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ota-hotel pack's tools on one database engine; each engine's test class extends this and says
 * how to open a fresh, empty database.
 */
abstract class BusinessToolsContract {
  static final Path PACK = Path.of("..", "packs", "ota-hotel", "database");

  BusinessDatabase db;
  Tools tools;
  final LocalDate in = LocalDate.now(java.time.ZoneOffset.UTC).plusDays(30);

  abstract BusinessDatabase openEmpty() throws Exception;

  @BeforeEach
  void open() throws Exception {
    db = openEmpty();
    assertTrue(db.install(PACK));
    tools = Tools.load(PACK.resolve("tools.yaml"), db.dataSource());
  }

  @AfterEach
  void close() throws Exception {
    db.close();
  }

  Map<String, Object> stay(int nights, int rooms) {
    Map<String, Object> a = new HashMap<>();
    a.put("check_in", in);
    a.put("check_out", in.plusDays(nights));
    a.put("nights", nights);
    a.put("rooms", rooms);
    return a;
  }

  Map<String, Object> booking(String request, int roomType, int nights, int rooms) {
    Map<String, Object> a = stay(nights, rooms);
    a.put("request_id", request);
    a.put("room_type_id", roomType);
    a.put("adults", 2);
    a.put("children", 0);
    a.put("guest_name", "Lan Nguyen");
    a.put("contact", "lan@example.com");
    return a;
  }

  int roomsLeft(int roomType) {
    Map<String, Object> q = stay(2, 1);
    q.put("hotel", "Bund View Hotel");
    return tools.call("quote", q).stream()
        .filter(r -> ((Number) r.get("room_type_id")).intValue() == roomType)
        .mapToInt(r -> ((Number) r.get("rooms_left")).intValue())
        .findFirst()
        .orElseThrow();
  }

  @Test
  void installsOnceAndSearchesCheapestFirst() {
    assertTrue(!db.install(PACK), "a second install does nothing");
    Map<String, Object> q = stay(2, 1);
    q.put("city", "Da Nang");
    q.put("guests", 2);
    List<Map<String, Object>> found = tools.call("search_hotels", q);
    assertTrue(found.size() >= 6, found.toString());
    BigDecimal last = BigDecimal.ZERO;
    for (Map<String, Object> r : found) {
      BigDecimal total = new BigDecimal(r.get("total_usd").toString());
      assertTrue(total.compareTo(last) >= 0, "cheapest first");
      last = total;
    }
    q.put("star_rating", 5);
    assertTrue(
        tools.call("search_hotels", q).stream()
            .allMatch(r -> ((Number) r.get("stars")).intValue() == 5));
    q.put("budget_max", 1);
    assertEquals(List.of(), tools.call("search_hotels", q));
    q.remove("budget_max");
    q.remove("star_rating");
    q.put("guests", 4);
    assertTrue(
        tools.call("search_hotels", q).stream()
            .allMatch(r -> ((Number) r.get("max_guests")).intValue() >= 4));
  }

  @Test
  void bookingTakesRoomsOnceAndCancellingGivesThemBack() {
    int suite = suiteOfBundView();
    int before = roomsLeft(suite);
    List<Map<String, Object>> first = tools.call("create_booking", booking("req-1", suite, 2, 1));
    String id = first.getFirst().get("booking_id").toString();
    assertTrue(id.matches("SC[2-9A-HJKMNP-Z]{12}"), id);
    assertEquals("confirmed", first.getFirst().get("status"));
    assertEquals(before - 1, roomsLeft(suite));
    List<Map<String, Object>> again = tools.call("create_booking", booking("req-1", suite, 2, 1));
    assertEquals(id, again.getFirst().get("booking_id"), "the same request never books twice");
    assertEquals(before - 1, roomsLeft(suite));
    Map<String, Object> b = tools.call("get_booking", Map.of("booking_id", id)).getFirst();
    assertEquals("Bund View Hotel", b.get("hotel"));
    assertEquals(in, b.get("check_in"));
    assertEquals(
        "cancelled",
        tools.call("cancel_booking", Map.of("booking_id", id)).getFirst().get("status"));
    assertEquals(before, roomsLeft(suite));
    ToolException twice =
        assertThrows(
            ToolException.class, () -> tools.call("cancel_booking", Map.of("booking_id", id)));
    assertEquals("there is no confirmed booking with that number", twice.getMessage());
    assertEquals(before, roomsLeft(suite), "a failed cancellation changes nothing");
  }

  @Test
  void concurrentRequestsNeverDoubleBook() throws Exception {
    int suite = suiteOfBundView();
    int free = roomsLeft(suite);
    int clients = free + 5;
    ExecutorService pool =
        Executors.newFixedThreadPool(6, Thread.ofPlatform().name("booking-client-", 0).factory());
    List<Future<String>> results = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      String request = "concurrent-" + i;
      results.add(
          pool.submit(
              () -> {
                try {
                  return tools
                      .call("create_booking", booking(request, suite, 3, 1))
                      .getFirst()
                      .get("booking_id")
                      .toString();
                } catch (ToolException e) {
                  return "refused: " + e.getMessage();
                }
              }));
    }
    int booked = 0;
    for (Future<String> f : results) {
      String r = f.get();
      if (r.startsWith("SC")) {
        booked++;
      } else {
        assertTrue(r.contains("no longer free") || r.contains("database"), r);
      }
    }
    pool.shutdown();
    assertEquals(free, booked, "exactly the free rooms were booked");
    assertEquals(0, roomsLeft(suite));
  }

  @Test
  void badArgumentsAreNamed() {
    ToolException unknown =
        assertThrows(ToolException.class, () -> tools.call("get_booking", Map.of("id", "SC1")));
    assertTrue(unknown.getMessage().contains("no parameter 'id'"), unknown.getMessage());
    Map<String, Object> q = stay(2, 1);
    q.put("city", "Hanoi");
    ToolException missing = assertThrows(ToolException.class, () -> tools.call("search_hotels", q));
    assertEquals("search_hotels needs guests", missing.getMessage());
    q.put("guests", 2);
    q.put("check_in", "the 10th");
    ToolException date = assertThrows(ToolException.class, () -> tools.call("search_hotels", q));
    assertTrue(date.getMessage().contains("check_in should be date"), date.getMessage());
    assertThrows(ToolException.class, () -> tools.call("book_spaceship", Map.of()));
  }

  @Test
  void modifyingMovesTheRoomsOrChangesNothing() {
    int suite = suiteOfBundView();
    int before = roomsLeft(suite);
    String id =
        tools
            .call("create_booking", booking("req-m", suite, 2, 1))
            .getFirst()
            .get("booking_id")
            .toString();
    assertEquals(before - 1, roomsLeft(suite));
    Map<String, Object> later = stay(3, 1);
    later.put("check_in", in.plusDays(60));
    later.put("check_out", in.plusDays(63));
    later.put("booking_id", id);
    Map<String, Object> moved = tools.call("modify_booking", later).getFirst();
    assertEquals(in.plusDays(60), moved.get("check_in"));
    assertEquals(before, roomsLeft(suite), "the old nights are free again");
    Map<String, Object> tooMany = stay(2, 1);
    tooMany.put("booking_id", id);
    tooMany.put("rooms", 99);
    ToolException e =
        assertThrows(ToolException.class, () -> tools.call("modify_booking", tooMany));
    assertEquals("the room is not free on every night of the new dates", e.getMessage());
    assertEquals(
        in.plusDays(60),
        tools.call("get_booking", Map.of("booking_id", id)).getFirst().get("check_in"),
        "unchanged");
  }

  @Test
  void aBookingIsSeenAndChangedOnlyByItsTenant() {
    int suite = suiteOfBundView();
    int before = roomsLeft(suite);
    String id =
        tools
            .call("create_booking", booking("req-t", suite, 2, 1), "acme")
            .getFirst()
            .get("booking_id")
            .toString();
    Map<String, Object> byCode = Map.of("booking_id", id);
    assertEquals(1, tools.call("get_booking", byCode, "acme").size());
    assertEquals(List.of(), tools.call("get_booking", byCode, "globex"), "invisible to another");
    Map<String, Object> later = stay(3, 1);
    later.put("booking_id", id);
    assertThrows(ToolException.class, () -> tools.call("modify_booking", later, "globex"));
    assertThrows(ToolException.class, () -> tools.call("cancel_booking", byCode, "globex"));
    Map<String, Object> mine = tools.call("get_booking", byCode, "acme").getFirst();
    assertEquals("confirmed", mine.get("status"), "another tenant changed nothing");
    assertEquals(in, mine.get("check_in"));
    assertEquals(before - 1, roomsLeft(suite));
    assertThrows(
        ToolException.class,
        () -> tools.call("create_booking", booking("req-t", suite, 2, 1), "globex"),
        "another tenant's same request id is refused, never answered with this booking");
  }

  @Test
  void bookingCodesAreLongRandomAndWithoutLookAlikes() {
    java.util.Set<String> codes = new java.util.HashSet<>();
    for (int i = 0; i < 2000; i++) {
      String code = new RecordCodes("SC").next();
      assertTrue(code.matches("SC[2-9A-HJKMNP-Z]{12}"), code);
      codes.add(code);
    }
    assertEquals(2000, codes.size(), "no code repeats");
    double bits = RecordCodes.LENGTH * Math.log(RecordCodes.ALPHABET.length()) / Math.log(2);
    assertTrue(bits >= 58, "a code carries " + bits + " random bits");
    int[] seen = new int[128];
    codes.forEach(c -> c.substring(2).chars().forEach(ch -> seen[ch]++));
    for (char ch : RecordCodes.ALPHABET.toCharArray()) {
      assertTrue(seen[ch] > 0, "every character of the alphabet is used: " + ch);
    }
    RecordCodes sc = new RecordCodes("SC");
    assertEquals("SC7KQ2M9XH4TPA", sc.find("it is sc-7kq2m9xh4tpa, thanks").orElseThrow());
    assertEquals("SC80329594", sc.find("booking SC 80329594").orElseThrow());
    assertEquals(
        "SC7KQ2M9XH4TP0",
        sc.find("SC7KQ2M9XH4TP0").orElseThrow(),
        "a look-alike (0 is no code character) is read as typed, to be reported not found");
    assertTrue(sc.find("scientifically").isEmpty(), "a word is no code");
    assertThrows(ToolException.class, () -> new RecordCodes("sc"));
    RecordCodes bk = new RecordCodes("BK", 10);
    String code = bk.next();
    assertTrue(code.matches("BK\\d{10}"), code);
    assertEquals(code, bk.find("ref " + code.toLowerCase(java.util.Locale.ROOT)).orElseThrow());
    assertTrue(bk.find("BK12345").isEmpty(), "too few digits is no code");
    ToolException few = assertThrows(ToolException.class, () -> new RecordCodes("BK", 4));
    assertEquals("codes.digits must be from 10 to 18 (hard to guess), got 4", few.getMessage());
  }

  /** A clock the test moves. */
  static final class TestClock extends java.time.Clock {
    java.time.Instant now = java.time.Instant.parse("2026-12-01T10:00:00Z");

    @Override
    public java.time.ZoneId getZone() {
      return java.time.ZoneOffset.UTC;
    }

    @Override
    public java.time.Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public java.time.Instant instant() {
      return now;
    }
  }

  @Test
  void lookUpsThatFindNothingAreLimitedPerTenant() {
    TestClock clock = new TestClock();
    Tools limited = Tools.load(PACK.resolve("tools.yaml"), db.dataSource(), clock);
    int suite = suiteOfBundView();
    String id =
        limited
            .call("create_booking", booking("req-l", suite, 2, 1), "acme")
            .getFirst()
            .get("booking_id")
            .toString();
    for (int i = 0; i < 20; i++) {
      String guess = String.format(java.util.Locale.ROOT, "SC%08d", i);
      assertEquals(List.of(), limited.call("get_booking", Map.of("booking_id", guess), "acme"));
      assertEquals(
          List.of(),
          limited.call("get_booking", Map.of("booking_id", guess), "acme"),
          "the same miss again (a replayed conversation) counts once");
    }
    LookupLimitException refused =
        assertThrows(
            LookupLimitException.class,
            () -> limited.call("get_booking", Map.of("booking_id", id), "acme"));
    assertTrue(refused.getMessage().contains("try again in 10 minute"), refused.getMessage());
    assertEquals(
        List.of(),
        limited.call("get_booking", Map.of("booking_id", id), "globex"),
        "another tenant may still look up (and finds nothing of acme's)");
    assertEquals(
        "confirmed",
        limited
            .call("create_booking", booking("req-l2", suite, 2, 1), "acme")
            .getFirst()
            .get("status"),
        "tools that are not look-ups still run");
    clock.now = clock.now.plus(java.time.Duration.ofMinutes(10));
    assertEquals(1, limited.call("get_booking", Map.of("booking_id", id), "acme").size());
  }

  @Test
  void aDatabaseOfAnEarlierVersionIsUpgradedAndKeepsItsBookings() throws Exception {
    int suite = suiteOfBundView();
    String id =
        tools
            .call("create_booking", booking("req-u", suite, 2, 1))
            .getFirst()
            .get("booking_id")
            .toString();
    try (var c = db.dataSource().getConnection();
        var st = c.createStatement()) {
      st.execute("DROP INDEX bookings_by_tenant");
      st.execute("ALTER TABLE bookings DROP COLUMN tenant");
    }
    assertTrue(!db.install(PACK), "installed already: only upgraded");
    assertTrue(!db.install(PACK), "the upgrade runs again safely");
    assertEquals(
        1,
        tools.call("get_booking", Map.of("booking_id", id)).size(),
        "an earlier booking belongs to the default tenant");
    assertEquals(List.of(), tools.call("get_booking", Map.of("booking_id", id), "acme"));
  }

  private int suiteOfBundView() {
    Map<String, Object> q = stay(2, 1);
    q.put("hotel", "Bund View Hotel");
    return tools.call("quote", q).stream()
        .filter(r -> r.get("room_type").equals("Suite"))
        .mapToInt(r -> ((Number) r.get("room_type_id")).intValue())
        .findFirst()
        .orElseThrow();
  }
}
