package dev.scion.forms;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a description says about required fields as a whole rather than field by field: "all
 * required except company", "除了备注其他都必填", and a star legend ("* = mandatory", "带*号的为必填") that makes
 * every field written with a star after its name required.
 */
final class RequiredMarks {
  private RequiredMarks() {}

  private static final String REQUIRED_EN =
      "(?:required|reqd|req'd|mandatory|compulsory|needed|must be (?:filled(?: in)?|given|provided))";
  private static final String ALL_EN =
      "(?:all|everything|every field|all fields|all the fields|all of (?:it|them|these|the fields)"
          + "|the rest|all other fields)";
  private static final String EXCEPT_EN =
      "(?:except(?: for)?|apart from|but|other than|besides|save)";

  private static final Pattern ALL_BUT_EN =
      Pattern.compile(
          "(?i)^(?:and\\s+|so\\s+)?"
              + ALL_EN
              + "\\s+(?:(?:is|are)\\s+)?"
              + REQUIRED_EN
              + "\\s*,?\\s*"
              + EXCEPT_EN
              + "\\s+(?:the\\s+)?(.+)$");
  private static final Pattern ALL_BUT_EN_BEFORE =
      Pattern.compile(
          "(?i)^(?:and\\s+|so\\s+)?"
              + ALL_EN
              + "\\s+"
              + EXCEPT_EN
              + "\\s+(?:the\\s+)?(.+?)\\s+(?:is|are)\\s+"
              + REQUIRED_EN
              + "\\W*$");
  private static final Pattern ALL_BUT_ZH =
      Pattern.compile(
          "^除(?:了)?(.+?)(?:以外|之外|外)?[，,]?\\s*(?:其他|其余|其它|别的)?的?(?:字段|项|信息)?"
              + "(?:都|均|全部|全都)(?:是|为|需要|要|得)?(?:必填|必须填写?|要填|需填写?)\\W*$");
  private static final Pattern ALL_THEN_BUT_ZH =
      Pattern.compile(
          "^(?:以上|所有|全部)?(?:字段|项|信息)?(?:都|均|全部|全都)(?:是|为)?(?:必填|必须填写?)[，,]?\\s*"
              + "(?:除了|但|但是)?(.+?)(?:除外|可不填|可以不填|选填|可选|非必填)\\W*$");

  private static final Pattern LIST_SPLIT =
      Pattern.compile("(?i)\\s*(?:,\\s*(?:and|or)?|\\band\\b|\\bor\\b|、|和|及|或)\\s*");
  private static final Pattern LIST_END =
      Pattern.compile("(?i)\\s*(?:,?\\s*which\\b|,?\\s*that\\b|[(（]|\\s[-—–]\\s|[;；.。]|$).*");

  /**
   * The fields a statement leaves optional when it makes all the others required ("all reqd except
   * company" gives [company]); null when the statement says no such thing.
   */
  static List<String> allRequiredExcept(String statement) {
    String s = statement.strip();
    for (Pattern p : List.of(ALL_BUT_EN, ALL_BUT_EN_BEFORE, ALL_BUT_ZH, ALL_THEN_BUT_ZH)) {
      Matcher m = p.matcher(s);
      if (m.matches()) {
        return names(m.group(1));
      }
    }
    return null;
  }

  private static List<String> names(String list) {
    String cut = LIST_END.matcher(list).replaceFirst("");
    List<String> out = new ArrayList<>();
    for (String n : LIST_SPLIT.split(cut)) {
      String name = n.strip().replaceAll("(?i)^(?:the|a|an)\\s+", "");
      if (!name.isEmpty()) {
        out.add(name);
      }
    }
    return out;
  }

  private static final Pattern LEGEND =
      Pattern.compile(
          "(?i)(?:[*＊]\\s*(?:=|:|：|-|means|marks?|is|are|为|表示|代表)?\\s*(?:required|mandatory|必填|必须填写)"
              + "|(?:带|有|标)(?:有)?[*＊]号?(?:的)?(?:字段|项)?(?:为|是|表示)?必填"
              + "|(?:required|mandatory) (?:fields )?(?:are )?marked (?:with )?(?:an? )?(?:[*＊]|asterisk|star))");

  /** Whether the description says that a star marks a required field. */
  static boolean starLegend(String text) {
    return LEGEND.matcher(text).find();
  }

  /** Whether a statement is nothing but the star legend ("(* mandatory)", "注：带*号为必填"). */
  static boolean legendOnly(String statement) {
    return starLegend(statement)
        && !LEGEND
            .matcher(statement)
            .replaceAll("")
            .replaceAll("(?i)\\b(?:fields?|note|items?)\\b|注|备注|说明|字段|项", "")
            .matches(".*[\\p{L}\\p{N}].*");
  }

  /** Whether the user wrote the field's name with a star right after it ("location *"). */
  static boolean starred(String text, String noun) {
    if (noun == null || noun.isBlank()) {
      return false;
    }
    return Pattern.compile(
            "(?i)(?<![\\p{L}\\p{N}])" + Pattern.quote(noun) + "\\s*(?:[(（][^)）\\n]*[)）])?\\s*[*＊]")
        .matcher(text)
        .find();
  }
}
