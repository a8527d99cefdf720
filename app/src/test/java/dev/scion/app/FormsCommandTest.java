package dev.scion.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FormsCommandTest {
  @TempDir Path dir;

  @Test
  void compilePrintsTheContractedJson() throws Exception {
    Path text = dir.resolve("expense.txt");
    Files.writeString(
        text,
        "Amount and reason are required, attachment is optional, type is a drop-down of travel,"
            + " meals, equipment, training. First the team lead approves, then finance approves."
            + " Above 5000 the director must also approve. HR and legal both have to sign.");
    PrintStream original = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      assertEquals(
          0, ScionCommand.execute("forms", "compile", "--text", text.toString(), "--json"));
    } finally {
      System.setOut(original);
    }
    JsonNode j = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
    assertTrue(j.get("source").asText().startsWith("form "), j.toString());
    assertEquals("object", j.at("/form/type").asText());
    JsonNode steps = j.at("/flow/steps");
    assertEquals(4, steps.size());
    assertEquals("director", steps.get(2).get("name").asText());
    assertEquals("amount > 5000", steps.get(2).get("when").asText());
    assertEquals("all", steps.get(3).get("mode").asText());
    assertTrue(j.get("bpmn").asText().contains("<userTask id=\"finance\""));
  }

  @Test
  void aFormWithoutApproversIsAnError() throws Exception {
    Path text = dir.resolve("no-approvers.txt");
    Files.writeString(text, "Amount is required.");
    assertEquals(1, ScionCommand.execute("forms", "compile", "--text", text.toString()));
    assertEquals(
        2, ScionCommand.execute("forms", "compile", "--text", dir.resolve("none.txt").toString()));
  }

  private String out(String... args) {
    PrintStream original = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      assertEquals(0, ScionCommand.execute(args), String.join(" ", args));
    } finally {
      System.setOut(original);
    }
    return buf.toString(StandardCharsets.UTF_8).strip();
  }

  @Test
  void deployStartDecideAndReadTheStatus() throws Exception {
    Path form = dir.resolve("leave.form");
    Files.writeString(
        form,
        "form Leave\nfield days: number, required\napproval\nstep lead: manager of applicant\nstep hr: role hr, when days > 5\n");
    String data = dir.resolve("data").toString();
    String key = out("forms", "deploy", "--data", data, "--form", form.toString());
    assertEquals("leave", key);
    String request =
        out(
            "forms",
            "start",
            "--data",
            data,
            "--form",
            key,
            "--applicant",
            "lan",
            "--manager",
            "minh",
            "--values",
            "{\"days\":3}");
    String task = out("forms", "tasks", "--data", data, "--user", "minh").split("\t")[0];
    out("forms", "decide", "--data", data, "--task", task, "--user", "minh", "--action", "approve");
    assertEquals(
        "approved\n  lead by minh: approve",
        out("forms", "status", "--data", data, "--request", request));
    assertEquals(
        1,
        ScionCommand.execute(
            "forms",
            "start",
            "--data",
            data,
            "--form",
            key,
            "--applicant",
            "lan",
            "--values",
            "{\"days\":\"x\"}"));
  }
}
