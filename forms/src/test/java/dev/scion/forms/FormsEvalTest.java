package dev.scion.forms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FormsEvalTest {
  @TempDir Path dir;

  @Test
  void scoresFieldsAndStepsPerPartAndPerCase() throws Exception {
    Path cases = dir.resolve("cases.json");
    Files.writeString(
        cases,
        """
        [{"id":"a","lang":"en","text":"Amount is required, note is optional. Finance approves. \
        Above 5000 the CFO approves.",
          "expect":{"fields":[{"name":"Amount","required":true,"type":"money","options":null},
                              {"name":["remark","note"],"required":false,"type":null,"options":null}],
            "steps":[{"approvers":[{"kind":"role","name":"finance"}],"mode":"single","when":null},
                     {"approvers":[{"kind":"role","name":"CFO"}],"mode":"single",
                      "when":{"field":"amount","op":">","value":5000}}]}},
         {"id":"b","lang":"zh","text":"金额必填。由财务审批。",
          "expect":{"fields":[{"name":["金额"],"required":false,"type":null,"options":null}],
            "steps":[{"approvers":[{"kind":"manager"}],"mode":"single","when":null}],
            "copy_to":[{"kind":"role","name":"audit"}]}}]
        """);
    JsonNode r = FormsEval.run(cases);
    assertEquals(2, r.get("cases").asInt());
    assertEquals(1, r.get("right").asInt(), r.toString());
    assertEquals(0.5, r.get("accuracy").asDouble());
    assertEquals(1.0, r.at("/parts/field_name").asDouble());
    assertEquals(2.0 / 3, r.at("/parts/field_required").asDouble(), 0.001);
    assertEquals(2.0 / 3, r.at("/parts/step_approvers").asDouble(), 0.001);
    assertEquals(1.0, r.at("/parts/step_condition").asDouble());
    assertEquals(0.0, r.at("/parts/copy_to").asDouble());
    assertEquals(1.0, r.at("/by_lang/en/accuracy").asDouble());
    assertEquals("b", r.at("/failures/0/id").asText());
    assertEquals(3, r.at("/failures/0/problems").size(), r.toString());
  }

  @Test
  void aFileThatIsNoListOfCasesIsAnError() throws Exception {
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, "{\"id\":1}");
    FormException e = assertThrows(FormException.class, () -> FormsEval.run(bad));
    assertEquals(true, e.getMessage().contains("JSON array of cases"), e.getMessage());
  }
}
