package dev.scion.nlu.values;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An amount of money with its ISO 4217 currency: "$120", "120 dollars", "1.5 million dong", "2k
 * baht", "五百块", "300元", "200 USD". A bare number has no currency (null).
 */
public record Money(BigDecimal amount, String currency) {
  public Money {
    amount = amount.stripTrailingZeros();
  }

  private static final Map<String, String> CURRENCIES =
      Map.ofEntries(
          Map.entry("$", "USD"),
          Map.entry("usd", "USD"),
          Map.entry("dollar", "USD"),
          Map.entry("dollars", "USD"),
          Map.entry("bucks", "USD"),
          Map.entry("€", "EUR"),
          Map.entry("eur", "EUR"),
          Map.entry("euro", "EUR"),
          Map.entry("euros", "EUR"),
          Map.entry("£", "GBP"),
          Map.entry("gbp", "GBP"),
          Map.entry("pounds", "GBP"),
          Map.entry("¥", "CNY"),
          Map.entry("cny", "CNY"),
          Map.entry("rmb", "CNY"),
          Map.entry("yuan", "CNY"),
          Map.entry("元", "CNY"),
          Map.entry("块", "CNY"),
          Map.entry("块钱", "CNY"),
          Map.entry("人民币", "CNY"),
          Map.entry("₫", "VND"),
          Map.entry("vnd", "VND"),
          Map.entry("dong", "VND"),
          Map.entry("越南盾", "VND"),
          Map.entry("jpy", "JPY"),
          Map.entry("yen", "JPY"),
          Map.entry("日元", "JPY"),
          Map.entry("thb", "THB"),
          Map.entry("baht", "THB"),
          Map.entry("泰铢", "THB"),
          Map.entry("sgd", "SGD"),
          Map.entry("美元", "USD"),
          Map.entry("美金", "USD"),
          Map.entry("欧元", "EUR"));
  private static final Pattern AMOUNT =
      Pattern.compile(
          "([$€£¥₫])?\\s*(\\d[\\d,]*(?:\\.\\d+)?)\\s*(k|thousand|million|m|万|千)?\\s*([a-z]+|[\\u4e00-\\u9fff]+)?");
  private static final Pattern ZH_AMOUNT =
      Pattern.compile("([零一二两三四五六七八九十百千万]+)\\s*([\\u4e00-\\u9fff]+)?");

  /** The first amount in {@code text}, or empty. */
  public static Optional<Money> parse(String text) {
    String t = text.toLowerCase(Locale.ROOT);
    Matcher m = AMOUNT.matcher(t);
    if (m.find()) {
      BigDecimal amount = new BigDecimal(m.group(2).replace(",", ""));
      amount = amount.multiply(scale(m.group(3)));
      String currency = m.group(1) != null ? CURRENCIES.get(m.group(1)) : currency(m.group(4));
      if (currency == null) {
        currency = currencyAnywhere(t);
      }
      return Optional.of(new Money(amount, currency));
    }
    Matcher z = ZH_AMOUNT.matcher(t);
    if (z.find()) {
      return Optional.of(
          new Money(BigDecimal.valueOf(Numbers.chinese(z.group(1))), currency(z.group(2))));
    }
    return Optional.empty();
  }

  private static BigDecimal scale(String word) {
    if (word == null) {
      return BigDecimal.ONE;
    }
    return switch (word) {
      case "k", "thousand", "千" -> BigDecimal.valueOf(1_000);
      case "万" -> BigDecimal.valueOf(10_000);
      default -> BigDecimal.valueOf(1_000_000);
    };
  }

  private static String currency(String word) {
    if (word == null) {
      return null;
    }
    for (int end = word.length(); end > 0; end--) {
      String c = CURRENCIES.get(word.substring(0, end));
      if (c != null) {
        return c;
      }
    }
    return null;
  }

  private static String currencyAnywhere(String text) {
    for (var e : CURRENCIES.entrySet()) {
      if (e.getKey().length() > 1
          && text.matches("(?s).*\\b" + Pattern.quote(e.getKey()) + "\\b.*")) {
        return e.getValue();
      }
    }
    return null;
  }
}
