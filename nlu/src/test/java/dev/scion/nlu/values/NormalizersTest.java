package dev.scion.nlu.values;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Many cases in English and Chinese, against a fixed today: Saturday 28 November 2026. */
class NormalizersTest {
  private static final Dates DATES = new Dates(LocalDate.of(2026, 11, 28));

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "2026-12-10 | 2026-12-10",
        "today | 2026-11-28",
        "tonight | 2026-11-28",
        "tomorrow | 2026-11-29",
        "the day after tomorrow | 2026-11-30",
        "in 3 days | 2026-12-01",
        "in three days | 2026-12-01",
        "the 10th | 2026-12-10",
        "on the 28th | 2026-11-28",
        "the 1st | 2026-12-01",
        "the 31st | 2026-12-31",
        "December 10 | 2026-12-10",
        "dec 10th | 2026-12-10",
        "10 December | 2026-12-10",
        "the 5th of January | 2027-01-05",
        "march 3 | 2027-03-03",
        "November 2 | 2027-11-02",
        "friday | 2026-12-04",
        "this friday | 2026-12-04",
        "saturday | 2026-11-28",
        "next friday | 2026-12-04",
        "next monday | 2026-11-30",
        "next sunday | 2026-12-06",
        "12月10日 | 2026-12-10",
        "12月10号 | 2026-12-10",
        "十二月十日 | 2026-12-10",
        "1月5日 | 2027-01-05",
        "10号 | 2026-12-10",
        "明天 | 2026-11-29",
        "后天 | 2026-11-30",
        "大后天 | 2026-12-01",
        "今天 | 2026-11-28",
        "3天后 | 2026-12-01",
        "下周五 | 2026-12-04",
        "下个星期一 | 2026-11-30",
        "周五 | 2026-12-04",
        "这周日 | 2026-11-29",
        "下下周三 | 2026-12-09",
        "礼拜六 | 2026-11-28",
      })
  void datesResolveAgainstToday(String text, String expected) {
    assertEquals(Optional.of(LocalDate.parse(expected)), DATES.parse(text));
  }

  @ParameterizedTest(name = "{0} -> {1}..{2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "from the 10th to the 12th | 2026-12-10 | 2026-12-12",
        "the 30th to the 2nd | 2026-11-30 | 2026-12-02",
        "December 24 - December 27 | 2026-12-24 | 2026-12-27",
        "between dec 10 and dec 14 | 2026-12-10 | 2026-12-14",
        "2026-12-10 to 2026-12-12 | 2026-12-10 | 2026-12-12",
        "12月10日到12日 | 2026-12-10 | 2026-12-12",
        "从10号到12号 | 2026-12-10 | 2026-12-12",
        "12月30日至1月2日 | 2026-12-30 | 2027-01-02",
        "tomorrow until friday | 2026-11-29 | 2026-12-04",
      })
  void rangesGiveCheckInAndCheckOut(String text, String from, String to) {
    assertEquals(
        Optional.of(new Dates.Range(LocalDate.parse(from), LocalDate.parse(to))),
        DATES.parseRange(text));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {"hello", "next year sometime", "the 32nd", "13月1日", "banana to apple"})
  void nonDatesAreEmpty(String text) {
    assertEquals(Optional.empty(), DATES.parse(text));
    assertEquals(Optional.empty(), DATES.parseRange(text));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "2 | 2",
        "two adults | 2",
        "twenty-one | 21",
        "a couple | 2",
        "one hundred and five | 105",
        "a dozen | 12",
        "three rooms | 3",
        "1,200 | 1200",
        "三间 | 3",
        "两个大人 | 2",
        "十二 | 12",
        "二十 | 20",
        "一百五十 | 150",
        "两百五 | 250",
        "一百零五 | 105",
        "一万二千 | 12000",
        "single room | 1"
      })
  void numbersInWordsAndDigits(String text, long expected) {
    assertEquals(expected, Numbers.parse(text).orElseThrow());
  }

  @ParameterizedTest(name = "{0} -> {1} {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "$120 | 120 | USD",
        "under 150 dollars | 150 | USD",
        "200 USD | 200 | USD",
        "€80 | 80 | EUR",
        "1.5 million dong | 1500000 | VND",
        "2k baht | 2000 | THB",
        "1,500,000 vnd | 1500000 | VND",
        "300元 | 300 | CNY",
        "五百块 | 500 | CNY",
        "500块钱以内 | 500 | CNY",
        "1万日元 | 10000 | JPY",
        "100 | 100 | ",
      })
  void moneyHasAnAmountAndACurrency(String text, String amount, String currency) {
    Money m = Money.parse(text).orElseThrow();
    assertEquals(new BigDecimal(amount).stripTrailingZeros(), m.amount());
    assertEquals(currency, m.currency());
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "3 nights | 3",
        "two nights | 2",
        "for a week | 7",
        "2 weeks | 14",
        "one night | 1",
        "三晚 | 3",
        "两个晚上 | 2",
        "住五天 | 5",
        "一周 | 7"
      })
  void staysInNights(String text, int nights) {
    assertEquals(nights, Durations.nights(text).orElseThrow());
  }
}
