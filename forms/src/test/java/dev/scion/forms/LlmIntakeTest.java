package dev.scion.forms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scion.models.FakeOpenAi;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LlmIntakeTest {
  /** Drafts a small form with a fake model giving {@code replies} in turn. */
  private static LlmIntake.Result run(List<String> replies, List<String> prompts) {
    try (FakeOpenAi fake = FakeOpenAi.answering(9, 9, replies.toArray(String[]::new))) {
      LlmIntake.Result r =
          new LlmIntake(fake.client(), 3).draft("Days are required. The team lead approves.");
      prompts.addAll(fake.bodies());
      return r;
    }
  }

  @Test
  void aBrokenDraftIsRepairedFromItsErrors() throws Exception {
    List<String> prompts = new ArrayList<>();
    LlmIntake.Result r =
        run(
            List.of(
                "```\nform Leave\nfield days: numbr, required\napproval\nstep lead: manager of applicant\n```",
                "form Leave\nfield days: number, required\napproval\nstep lead: manager of applicant\n"),
            prompts);
    assertEquals("llm", r.by());
    assertEquals("lead", r.form().steps().getFirst().id());
    assertEquals(1, r.errors().size());
    assertTrue(
        prompts.get(1).contains("2:13: unknown type 'numbr'"), "the error goes back to the model");
  }

  @Test
  void aDraftThatNeverCompilesFallsBackToTheRules() throws Exception {
    LlmIntake.Result r = run(List.of("I think the form should have days."), new ArrayList<>());
    assertEquals("rules", r.by());
    assertEquals(3, r.errors().size());
    assertEquals("days", r.form().fields().getFirst().id());
  }
}
