package dev.scion.dialog.tools;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The codes a pack gives the records its tools create (a booking, an order): the pack's prefix
 * ({@code codes: {prefix: …}} in tools.yaml) and {@link #LENGTH} random characters of {@link
 * #ALPHABET}, unguessable and easy to read aloud, or, with {@code codes: {digits: N}}, N random
 * digits (10 to 18). Codes of earlier versions, the prefix and eight digits, are still read.
 */
public final class RecordCodes {
  /** Digits and capitals without the look-alikes 0, 1, I, L and O. */
  public static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

  /** Random characters after the prefix (about 59 bits). */
  public static final int LENGTH = 12;

  private static final SecureRandom RANDOM = new SecureRandom();

  private final String prefix;
  private final int digits;
  private final Pattern pattern;

  /** Codes that start with {@code prefix} (one or more capital letters). */
  public RecordCodes(String prefix) {
    this(prefix, 0);
  }

  /**
   * Codes that start with {@code prefix} followed by {@code digits} random digits, or by {@link
   * #LENGTH} characters of {@link #ALPHABET} when {@code digits} is 0.
   */
  public RecordCodes(String prefix, int digits) {
    if (prefix == null || !prefix.matches("[A-Z]{1,6}")) {
      throw new ToolException(
          "codes.prefix must be 1 to 6 capital letters, like SC, got '" + prefix + "'");
    }
    if (digits != 0 && (digits < 10 || digits > 18)) {
      throw new ToolException("codes.digits must be from 10 to 18 (hard to guess), got " + digits);
    }
    this.prefix = prefix;
    this.digits = digits;
    String body =
        digits > 0
            ? "\\d{" + digits + "}"
            : "[" + ALPHABET + "]{" + LENGTH + "}|(?=[A-Z]*\\d)[A-Z0-9]{" + LENGTH + "}";
    this.pattern = Pattern.compile("(?i)\\b" + prefix + "[\\s-]?(\\d{8}|" + body + ")\\b");
  }

  public String prefix() {
    return prefix;
  }

  /** A new code. */
  public String next() {
    StringBuilder b = new StringBuilder(prefix);
    if (digits > 0) {
      for (int i = 0; i < digits; i++) {
        b.append((char) ('0' + RANDOM.nextInt(10)));
      }
      return b.toString();
    }
    for (int i = 0; i < LENGTH; i++) {
      b.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return b.toString();
  }

  /**
   * The first code in {@code text}, however it was cased or spaced, written canonically. A code
   * mistyped with a look-alike ("SC…L…") is still read as one, so that the customer hears it was
   * not found rather than not understood.
   */
  public Optional<String> find(String text) {
    Matcher m = pattern.matcher(text);
    return m.find() ? Optional.of(prefix + m.group(1).toUpperCase(Locale.ROOT)) : Optional.empty();
  }
}
