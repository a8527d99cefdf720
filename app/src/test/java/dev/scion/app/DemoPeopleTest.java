package dev.scion.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.scion.server.tenancy.Platform;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoPeopleTest {
  static final Path CSV = Path.of("..", "packs", "office-approval", "people.csv");

  @TempDir Path dir;

  @Test
  void theDemoDirectoryIsTheOfficeApprovalPacksPeopleLoadedOnce() {
    try (Platform p = Platform.inDataFolder(dir)) {
      assertEquals(7, DemoCommand.loadDemoPeople(p.directory(), CSV));
      p.directory().remove(Platform.DEFAULT_TENANT, "mai");
      assertEquals(
          6, DemoCommand.loadDemoPeople(p.directory(), CSV), "a directory is not overwritten");
      var people = p.directory().of(Platform.DEFAULT_TENANT);
      assertEquals("minh", people.manager("lan"));
      assertEquals(List.of("finance"), people.roles("ana"));
    }
  }
}
