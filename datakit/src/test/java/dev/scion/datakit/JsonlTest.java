package dev.scion.datakit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlTest {
  @TempDir Path dir;

  private Path file(byte[] content) throws IOException {
    Path f = dir.resolve("in.jsonl");
    Files.write(f, content);
    return f;
  }

  @Test
  void goodLinesPassAndBadOnesAreReportedByLineNumber() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes("{\"id\":1,\"text\":\"one\"}\n".getBytes(StandardCharsets.UTF_8));
    b.writeBytes("{broken\n".getBytes(StandardCharsets.UTF_8));
    b.writeBytes("\n".getBytes(StandardCharsets.UTF_8));
    b.writeBytes("{\"id\":3}\n".getBytes(StandardCharsets.UTF_8));
    b.writeBytes("{\"id\":4,\"text\":7}\n".getBytes(StandardCharsets.UTF_8));
    b.writeBytes(new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, '\n'});
    b.writeBytes("[1,2]\n".getBytes(StandardCharsets.UTF_8));
    b.writeBytes("{\"id\":\"x\",\"text\":\"two\"} trailing\n".getBytes(StandardCharsets.UTF_8));
    b.writeBytes(
        "{\"id\":\"y\",\"text\":\"three\"}".getBytes(StandardCharsets.UTF_8)); // no newline
    BadLines bad = BadLines.skip();
    List<Doc> docs = new ArrayList<>();
    int n = Jsonl.read(file(b.toByteArray()), bad, Progress.silent(), docs::add);
    assertEquals(2, n);
    assertEquals(List.of("one", "three"), docs.stream().map(Doc::text).toList());
    assertEquals(List.of(0, 1), docs.stream().map(Doc::ordinal).toList());
    assertEquals(9, docs.get(1).line());
    assertEquals(6, bad.count());
    assertEquals(
        List.of(2L, 4L, 5L, 6L, 7L, 8L), bad.listed().stream().map(BadLines.Bad::line).toList());
    assertTrue(bad.listed().get(3).reason().contains("UTF-8"), bad.listed().get(3).reason());
    assertTrue(bad.listed().get(1).reason().contains("no \"text\""));
  }

  @Test
  void failModeStopsAtTheFirstBadLineNamingFileAndLine() throws IOException {
    Path f = file("{\"text\":\"a\"}\n{\"text\":\"b\"\n".getBytes(StandardCharsets.UTF_8));
    DataException e =
        assertThrows(
            DataException.class, () -> Jsonl.read(f, BadLines.fail(), Progress.silent(), d -> {}));
    assertTrue(e.getMessage().startsWith(f + ":2: not valid JSON"), e.getMessage());
  }

  @Test
  void emptyInputIsZeroDocuments() throws IOException {
    assertEquals(0, Jsonl.read(file(new byte[0]), BadLines.fail(), Progress.silent(), d -> {}));
  }

  @Test
  void aFailedWriteLeavesNeitherOutputNorTemporaryFile() throws IOException {
    Path out = dir.resolve("out.jsonl");
    Files.writeString(out, "previous\n");
    assertThrows(
        IllegalStateException.class,
        () ->
            Jsonl.writeAtomically(
                out,
                o -> {
                  o.write("half".getBytes(StandardCharsets.UTF_8));
                  throw new IllegalStateException("stopped");
                }));
    assertEquals("previous\n", Files.readString(out));
    try (var files = Files.list(dir)) {
      assertEquals(List.of(out), files.toList());
    }
  }

  @Test
  void missingInputIsAClearError() {
    DataException e =
        assertThrows(
            DataException.class,
            () ->
                Jsonl.read(dir.resolve("nope.jsonl"), BadLines.skip(), Progress.silent(), d -> {}));
    assertTrue(e.getMessage().contains("does not exist"));
    assertFalse(Files.exists(dir.resolve("nope.jsonl")));
  }
}
