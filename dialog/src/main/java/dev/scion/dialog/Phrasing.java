package dev.scion.dialog;

import dev.scion.models.ChatClient;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lets a chat model phrase a reply more naturally, from the facts of the template reply only. The
 * model's text is used only when it keeps every number, date, amount and record code of the
 * template and adds none; otherwise, or when the model fails, the template reply stands.
 */
public final class Phrasing {
  private static final Pattern FACT =
      Pattern.compile(
          // a record code (capitals and digits), a date, a number
          "\\b(?=[A-Z0-9]*\\d)(?=[A-Z0-9]*[A-Z])[A-Z0-9]{8,}\\b|\\d{4}-\\d{2}-\\d{2}|\\d+(?:[.,]\\d+)*");

  private final ChatClient llm;

  public Phrasing(ChatClient llm) {
    this.llm = llm;
  }

  String phrase(String reply, String language) {
    String system =
        "You rewrite a customer-service reply so that it reads naturally, in "
            + (language.equals("zh") ? "Chinese" : "English")
            + ". Use only the facts in the reply: keep every number, date, price, name and code"
            + " exactly as written, add no facts, offers or promises, and keep any question"
            + " at the end. Reply with the rewritten text only.";
    try {
      String out =
          llm.complete(
                  List.of(
                      new ChatClient.Message("system", system),
                      new ChatClient.Message("user", reply)))
              .content();
      return out != null && !out.isBlank() && sameFacts(reply, out) ? out.strip() : reply;
    } catch (RuntimeException e) { // a model that fails (ModelException) leaves the template
      return reply;
    }
  }

  /** Whether two texts state the same numbers, dates and codes. */
  static boolean sameFacts(String template, String phrased) {
    return facts(template).equals(facts(phrased));
  }

  private static Set<String> facts(String text) {
    Set<String> out = new HashSet<>();
    Matcher m = FACT.matcher(text);
    while (m.find()) {
      out.add(m.group().replace(",", ""));
    }
    return out;
  }
}
