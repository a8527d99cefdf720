package dev.scion.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServeOptionsTest {
  @TempDir Path dir;

  @Test
  void flagsBeatVariablesWhichBeatTheFileWhichBeatsDefaults() throws Exception {
    Path yaml = dir.resolve("scion.yaml");
    Files.writeString(yaml, "port: 9000\nhost: 127.0.0.2\nidle-timeout: 12\n");
    var s =
        ServeOptions.Settings.read(yaml, Map.of("SCION_PORT", "9100", "SCION_DB_URL", "jdbc:x"));
    assertEquals(9200, s.number("port", "9200"), "flag");
    assertEquals(9100, s.number("port", null), "variable");
    assertEquals("127.0.0.2", s.value("host", null), "file");
    assertEquals(12, s.number("idle-timeout", null), "file");
    assertEquals("jdbc:x", s.value("db-url", null), "variable");
    assertEquals("scion-data", s.value("data", null), "default");
    assertEquals("SCION_MAX_BODY_MB", ServeOptions.Settings.variable("max-body-mb"));
  }

  @Test
  void badSettingsAreNamed() throws Exception {
    Path yaml = dir.resolve("scion.yaml");
    Files.writeString(yaml, "prot: 9000\n");
    var e =
        assertThrows(
            ScionCommand.UsageException.class, () -> ServeOptions.Settings.read(yaml, Map.of()));
    assertTrue(e.getMessage().contains("unknown setting 'prot'"), e.getMessage());
    Files.writeString(yaml, "port: many\n");
    var s = ServeOptions.Settings.read(yaml, Map.of());
    var e2 = assertThrows(ScionCommand.UsageException.class, () -> s.number("port", null));
    assertTrue(
        e2.getMessage().contains("port must be a whole number, got 'many'"), e2.getMessage());
    assertThrows(
        ScionCommand.UsageException.class,
        () -> ServeOptions.Settings.read(dir.resolve("missing.yaml"), Map.of()));
  }
}
