package dev.scion.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The organisation directory and who may decide, on the command line: people imported from CSV, the
 * applicant's manager and a role's members taken from it, a stranger's decision refused with the
 * task left open, and the status naming who decided and what they said. Each database's class says
 * where the records are kept.
 */
abstract class FormsDirectoryCommandContract {
  @TempDir Path dir;

  /** The options that place the data: --data, and --db-url and its user where there is one. */
  abstract List<String> where();

  /** The exit code, stdout and stderr of one command. */
  record Run(int code, String out, String err) {}

  Run run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(where());
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
    try {
      int code = ScionCommand.execute(all.toArray(String[]::new));
      return new Run(
          code,
          o.toString(StandardCharsets.UTF_8).strip(),
          e.toString(StandardCharsets.UTF_8).strip());
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  String ok(String... args) {
    Run r = run(args);
    assertEquals(0, r.code(), String.join(" ", args) + ": " + r.err());
    return r.out();
  }

  @Test
  void aStrangerIsRefusedAndTheFinanceMemberDecides() throws Exception {
    Path csv = dir.resolve("people.csv");
    Files.writeString(
        csv,
        "id,name,manager,roles\nlan,Lan Pham,minh,\nminh,Minh Do,,\nana,Ana Tran,minh,finance\n");
    assertEquals(
        "imported 3 people from " + csv,
        ok("forms", "directory", "import", "--csv", csv.toString()));
    ok("forms", "directory", "add", "--id", "mallory", "--name", "Mallory", "--roles", "sales");
    assertEquals(
        "ana\tAna Tran\tminh\tfinance\nlan\tLan Pham\tminh\t-\nmallory\tMallory\t-\tsales\nminh\tMinh Do\t-\t-",
        ok("forms", "directory", "list"));
    Path form = dir.resolve("trip.form");
    Files.writeString(
        form,
        "form Trip\nfield destination: text, required\napproval\n"
            + "step lead: manager of applicant\nstep finance: role finance\n");
    assertEquals("trip", ok("forms", "deploy", "--form", form.toString()));
    Run again = run("forms", "deploy", "--form", form.toString());
    assertEquals(1, again.code());
    assertTrue(again.err().contains("--replace"), again.err());
    assertEquals("trip", ok("forms", "deploy", "--form", form.toString(), "--replace"));

    String request =
        ok(
            "forms",
            "start",
            "--form",
            "trip",
            "--applicant",
            "lan",
            "--values",
            "{\"destination\":\"Hue\"}");
    String lead = ok("forms", "tasks", "--user", "minh").split("\t")[0];
    Run stranger = run("forms", "decide", "--task", lead, "--as", "mallory", "--action", "approve");
    assertEquals(1, stranger.code());
    assertEquals(
        "scion: task " + lead + " (lead) is decided by user minh; mallory is neither",
        stranger.err());
    assertEquals(
        "running\n  lead waiting for user minh", ok("forms", "status", "--request", request));
    assertEquals(
        "approved task "
            + lead
            + " (lead) as minh; request "
            + request
            + ": running, finance waiting for role finance",
        ok(
            "forms",
            "decide",
            "--task",
            lead,
            "--as",
            "minh",
            "--action",
            "approve",
            "--comment",
            "go"));
    String finance = ok("forms", "tasks", "--user", "ana").split("\t")[0];
    assertEquals(
        1,
        run("forms", "decide", "--task", finance, "--as", "minh", "--action", "approve").code(),
        "minh is not in finance");
    assertEquals(
        "approved task " + finance + " (finance) as ana; request " + request + ": approved",
        ok(
            "forms",
            "decide",
            "--task",
            finance,
            "--as",
            "ana",
            "--action",
            "approve",
            "--comment",
            "within budget"));
    assertEquals(
        "approved\n  lead by minh: approve \"go\"\n  finance by ana: approve \"within budget\"",
        ok("forms", "status", "--request", request));
  }

  @Test
  void aBadCsvLineIsNamedAndNothingIsImported() throws Exception {
    Path csv = dir.resolve("bad.csv");
    Files.writeString(csv, "id,name,manager\nbo,Bo,\n,Nobody,bo\n");
    Run r = run("forms", "directory", "import", "--csv", csv.toString());
    assertEquals(2, r.code());
    // the command's one line; the embedded database's own log lines may share stderr in this JVM
    List<String> said = r.err().lines().filter(l -> l.startsWith("scion:")).toList();
    assertEquals(1, said.size(), r.err());
    assertTrue(
        said.getFirst().startsWith("scion: CSV line 3: id 'null' is not a user name"), r.err());
    assertEquals("", ok("forms", "directory", "list"));
  }
}
