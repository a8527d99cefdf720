package dev.scion.nlu.values;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Dates, stays and counts as customers write them, in English and Chinese: one table per kind under
 * {@code src/test/resources/values}, each row a text, the day it is said on, and the value meant.
 */
class SpokenValuesTest {

  @ParameterizedTest(name = "[{0}] {1} on {2} -> {3}")
  @CsvFileSource(resources = "/values/relative-dates.csv", delimiter = '|', numLinesToSkip = 1)
  void relativeDaysAndWeeksCountFromToday(String lang, String text, String today, String expected) {
    assertEquals(
        Optional.of(LocalDate.parse(expected)), new Dates(LocalDate.parse(today)).parse(text));
  }

  @ParameterizedTest(name = "[{0}] {1} on {2} -> {3}, as said {4}")
  @CsvFileSource(resources = "/values/named-dates.csv", delimiter = '|', numLinesToSkip = 1)
  void namedDatesResolveAndRecentlyPassedOnesStayPastWhenAsSaid(
      String lang, String text, String today, String parse, String asSaid) {
    Dates dates = new Dates(LocalDate.parse(today));
    assertEquals(Optional.of(LocalDate.parse(parse)), dates.parse(text));
    assertEquals(Optional.of(LocalDate.parse(asSaid)), dates.parseAsSaid(text));
  }

  @ParameterizedTest(name = "[{0}] {1} on {2} -> {3}..{4}")
  @CsvFileSource(resources = "/values/ranges.csv", delimiter = '|', numLinesToSkip = 1)
  void rangesGiveCheckInBeforeCheckOut(
      String lang, String text, String today, String from, String to) {
    assertEquals(
        Optional.of(new Dates.Range(LocalDate.parse(from), LocalDate.parse(to))),
        new Dates(LocalDate.parse(today)).parseRange(text));
  }

  @ParameterizedTest(name = "[{0}] {1} -> {2}")
  @CsvFileSource(resources = "/values/counts.csv", delimiter = '|', numLinesToSkip = 1)
  void countsInWordsDigitsAndShorthand(String lang, String text, long expected) {
    assertEquals(expected, Numbers.parse(text).orElseThrow());
  }

  @ParameterizedTest(name = "[{0}] {1} -> {2}")
  @CsvFileSource(resources = "/values/parties.csv", delimiter = '|', numLinesToSkip = 1)
  void partiesCountThePeopleTheyName(String lang, String text, long expected) {
    assertEquals(expected, Numbers.parseCount(text).orElseThrow());
  }

  @ParameterizedTest(name = "[{0}] {1} -> {2}")
  @CsvFileSource(resources = "/values/nights.csv", delimiter = '|', numLinesToSkip = 1)
  void staysInNightsKeepTheirSign(String lang, String text, int expected) {
    assertEquals(expected, Durations.nights(text).orElseThrow());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "the 18th for -3 nights",
        "the 18th for 0 nights",
        "21 to 18 dec",
        "dec 21 to dec 18",
        "the 18th",
        "hello",
        "2026-13-40 to 2026-12-12",
      })
  void rangesThatEndBeforeTheyStartOrHaveNoStayAreEmpty(String text) {
    assertEquals(Optional.empty(), new Dates(LocalDate.of(2026, 12, 5)).parseRange(text));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {"hello", "2026-13-40", "2026-02-30", "13/40", "the 32nd", "13月1日", "February 30"})
  void impossibleDatesAreEmpty(String text) {
    assertEquals(Optional.empty(), new Dates(LocalDate.of(2026, 12, 5)).parse(text));
    assertEquals(Optional.empty(), new Dates(LocalDate.of(2026, 12, 5)).parseAsSaid(text));
  }

  @Test
  void aPartyNamedAnywhereCountsItsGrownUps() {
    assertEquals(
        java.util.OptionalLong.of(2),
        Numbers.party("me and my husband are flying into saigon on the 28th"));
    assertEquals(
        java.util.OptionalLong.of(2), Numbers.party("tokyo from the 18th, 3 nts, me n my bro"));
    assertEquals(java.util.OptionalLong.of(3), Numbers.party("my parents and I need a room"));
    assertEquals(java.util.OptionalLong.of(2), Numbers.party("travelling with my wife next week"));
    assertEquals(java.util.OptionalLong.of(1), Numbers.party("just me this time"));
    assertEquals(java.util.OptionalLong.of(3), Numbers.party("the three of us"));
    assertEquals(java.util.OptionalLong.of(2), Numbers.party("我和老婆下周去杭州"));
    assertEquals(java.util.OptionalLong.of(3), Numbers.party("我们仨住两晚"));
    assertEquals(java.util.OptionalLong.of(1), Numbers.party("就我一个人"));
    assertEquals(java.util.OptionalLong.of(2), Numbers.party("我们一家四口 两大两小"));
    assertEquals(java.util.OptionalLong.of(1), Numbers.party("新加坡 一个人 预算100美元"));
    assertEquals(java.util.OptionalLong.empty(), Numbers.party("每个人多少钱"));
    // no party: a card paid with, children, a plain request
    assertEquals(java.util.OptionalLong.empty(), Numbers.party("can I pay with my card"));
    assertEquals(java.util.OptionalLong.empty(), Numbers.party("a room in hanoi for 3 nights"));
    assertEquals(java.util.OptionalLong.empty(), Numbers.party("我们想订房"));
  }

  @Test
  void chineseDigitsSaidOneByOneAndChineseNumeralsOfDates() {
    assertEquals("尾号1208", Numbers.digitByDigit("尾号一二零八"));
    assertEquals("一百二十", Numbers.digitByDigit("一百二十"), "a number with units is left alone");
    Dates dates = new Dates(LocalDate.of(2026, 12, 6), false);
    assertEquals(Optional.of(LocalDate.of(1985, 9, 3)), dates.parsePast("一九八五年九月三日"));
    assertEquals(Optional.of(LocalDate.of(2026, 12, 24)), dates.parseAsSaid("十二月二十四号"));
  }
}
