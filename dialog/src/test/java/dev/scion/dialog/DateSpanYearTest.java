package dev.scion.dialog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A date span the tagger cut short of its year takes the year said beside it. */
class DateSpanYearTest {
  @Test
  void theYearBesideADateSpanJoinsIt() {
    assertEquals("一九八五年九月三日", Hearing.withYear("生日一九八五年九月三日", "九月三日"));
    assertEquals("一九八五年九月三日", Hearing.withYear("卡号后四位6602 生日一九八五年九月三日", "五年九月三日"));
    assertEquals("1990年4月12日", Hearing.withYear("生日是1990年4月12日", "4月12日"));
    assertEquals("April 12, 1990", Hearing.withYear("born April 12, 1990 thanks", "April 12"));
    assertEquals("20号", Hearing.withYear("12月20号入住", "20号"), "a month is no year");
    assertEquals("Dec 20", Hearing.withYear("Dec 20 1430 arrival", "Dec 20"), "no year: 1430");
    assertEquals("the 10th", Hearing.withYear("the 10th, 2 nights", "the 10th"));
  }
}
