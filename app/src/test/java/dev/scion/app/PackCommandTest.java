package dev.scion.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code scion pack new} writes a pack that {@code scion pack check} passes, stories included. */
class PackCommandTest {
  @TempDir Path packs;

  @BeforeEach
  void usePacksFolder() {
    System.setProperty("scion.packs", packs.toString());
  }

  @AfterEach
  void restore() {
    System.clearProperty("scion.packs");
  }

  @Test
  void aNewPackPassesItsChecksAndABrokenOneFailsThem() throws Exception {
    assertEquals(0, ScionCommand.execute("pack", "new", "my-shop"));
    assertTrue(Files.exists(packs.resolve("my-shop").resolve("nlu").resolve("en.md")));
    assertEquals(2, ScionCommand.execute("pack", "new", "my-shop"), "exists already");
    assertEquals(2, ScionCommand.execute("pack", "new", "My Shop"), "not a pack name");
    assertEquals(
        0,
        ScionCommand.execute(
            "pack", "check", "my-shop", "--data", packs.resolve("data").toString()));

    Path templates = packs.resolve("my-shop").resolve("templates").resolve("en.yaml");
    Files.writeString(
        templates,
        Files.readString(templates, StandardCharsets.UTF_8)
            .replaceAll("(?m)^ask\\.quantity:.*$", ""),
        StandardCharsets.UTF_8);
    assertEquals(1, ScionCommand.execute("pack", "check", "my-shop", "--no-stories"));
    assertEquals(2, ScionCommand.execute("pack", "check", "no-such-pack"));
  }
}
