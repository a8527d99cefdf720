package dev.scion.nlu.values;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Dates read toward the past, as a payment or an event already happened is told (today Sunday). */
class PastDatesTest {
  private static final Dates DATES = new Dates(LocalDate.of(2026, 12, 6));

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "yesterday|2026-12-05",
        "the day before yesterday|2026-12-04",
        "昨天|2026-12-05",
        "前天|2026-12-04",
        "大前天|2026-12-03",
        "3 days ago|2026-12-03",
        "5天前|2026-12-01",
        "last friday|2026-12-04",
        "last Sunday|2026-11-29",
        "on Friday|2026-12-04",
        "上周五|2026-11-27",
        "the 28th|2026-11-28",
        "the 6th|2026-12-06",
        "Aug 15|2026-08-15",
        "December 20|2025-12-20",
        "Nov 30 2026|2026-11-30",
        "12/04/90|1990-12-04",
        "20-11-1995|1995-11-20",
        "dob 12.04.1990|1990-04-12",
        "07-25-1988|1988-07-25",
        "2026-11-29|2026-11-29",
        "today|2026-12-06",
        "tomorrow|2026-12-07",
        "next friday|2026-12-11",
      })
  void readTowardThePast(String text, String date) {
    assertEquals(Optional.of(LocalDate.parse(date)), DATES.parsePast(text));
  }

  @org.junit.jupiter.api.Test
  void dayFirstReadsTheFirstNumberAsTheDay() {
    Dates dayFirst = new Dates(LocalDate.of(2026, 12, 6), true);
    assertEquals(Optional.of(LocalDate.of(1990, 4, 12)), dayFirst.parsePast("12/04/1990"));
    assertEquals(Optional.of(LocalDate.of(2026, 11, 28)), dayFirst.parsePast("11/28"));
    assertEquals(Optional.of(LocalDate.of(2026, 11, 28)), dayFirst.parsePast("28/11"));
    assertEquals(Optional.of(LocalDate.of(1990, 12, 4)), DATES.parsePast("12/04/1990"));
  }
}
