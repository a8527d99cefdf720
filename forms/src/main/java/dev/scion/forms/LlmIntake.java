package dev.scion.forms;

import dev.scion.models.ChatClient;
import java.util.ArrayList;
import java.util.List;

/**
 * Drafts a form with a chat model when one is configured: the model writes the form language, the
 * draft is parsed, and every error (with its line and column) goes back to the model to repair, a
 * few times at most. A draft that never compiles falls back to the rule-based {@link Intake}.
 */
public final class LlmIntake {
  /** The form, how it was made ({@code llm} or {@code rules}), and the attempts' errors. */
  public record Result(Form form, String by, List<String> errors) {}

  static final String GRAMMAR =
      """
      Write the form in this language, one statement per line, nothing else:
      form <title>
      field <id>: <type>, required|optional[, label "<label>"][, min N][, max N][, shown when <field> = <value>]
        types: text, number, money, date, date range, choice (a | b | c), multi-choice (a | b), attachment, person
      approval
      step <id>: <who>[, when <field> > <number>]
        who: manager of applicant | role <name> | user <name>; several joined by "and" (all sign) or "or" (any one signs)
      on reject <step>: back to <earlier step>
      on timeout <step> after <hours>h: escalate to <who>
      copy to <who>
      Ids are lower case letters, digits and _. A form needs at least one step.""";

  private final ChatClient llm;
  private final int attempts;

  public LlmIntake(ChatClient llm, int attempts) {
    this.llm = llm;
    this.attempts = attempts;
  }

  public Result draft(String words) {
    List<ChatClient.Message> conversation = new ArrayList<>();
    conversation.add(new ChatClient.Message("system", GRAMMAR));
    conversation.add(new ChatClient.Message("user", words));
    List<String> errors = new ArrayList<>();
    for (int i = 0; i < attempts; i++) {
      String draft;
      try {
        draft = strip(llm.complete(conversation).content());
      } catch (RuntimeException e) {
        errors.add("the model failed: " + e.getMessage());
        break;
      }
      try {
        return new Result(FormParser.parse(draft), "llm", List.copyOf(errors));
      } catch (FormException e) {
        errors.add(e.getMessage());
        conversation.add(new ChatClient.Message("assistant", draft));
        conversation.add(
            new ChatClient.Message(
                "user",
                "That does not compile: "
                    + e.getMessage()
                    + ". Write the whole form again, fixed."));
      }
    }
    Intake.Result rules = Intake.draft(words);
    return new Result(
        FormParser.parse(FormFormatter.format(rules.form())), "rules", List.copyOf(errors));
  }

  /** The form itself, without a Markdown fence around it. */
  static String strip(String reply) {
    String r = reply.strip();
    if (r.startsWith("```")) {
      r = r.replaceFirst("^```[a-z]*\\n?", "").replaceFirst("\\n?```$", "");
    }
    return r.strip();
  }
}
