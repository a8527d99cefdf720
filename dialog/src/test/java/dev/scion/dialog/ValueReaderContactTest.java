package dev.scion.dialog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A contact is read by rule, the clearer specification: an e-mail address, else a phone number of 7
 * to 15 digits, anywhere in a message; dates, counts and record codes are not phone numbers.
 */
class ValueReaderContactTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      nullValues = "NONE",
      value = {
        "my name is Nguyen Van An and my email is an.nguyen@example.com | an.nguyen@example.com",
        "An.Nguyen@Example.COM, name An | an.nguyen@example.com",
        "mail: tran_thi.mai+hotel@mail.co.vn thanks | tran_thi.mai+hotel@mail.co.vn",
        "邮箱是zhangwei88@qq.com | zhangwei88@qq.com",
        "call me on +84 912 345 678 | +84912345678",
        "0903 123 456 | 0903123456",
        "my number is 0903-123-456 please | 0903123456",
        "+1 (415) 555-0199 | +14155550199",
        "手机13912345678，名字王芳 | 13912345678",
        "+86 138 0013 8000 | +8613800138000",
        "check in 2026-12-20 for 3 nights | NONE",
        "2 adults 3 nights 1 room | NONE",
        "booking SC7K2M9QX4RT5A please | NONE",
        "my name is Lan Pham | NONE",
      })
  void readsAnEmailOrAPhoneNumberAnywhere(String text, String expected) {
    assertEquals(expected, ValueReader.contact(text), text);
  }
}
