package dev.scion.dialog.tools;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The pack's tools on embedded H2, the default. */
class H2BusinessToolsTest extends BusinessToolsContract {
  @TempDir Path dir;

  @Override
  BusinessDatabase openEmpty() {
    return BusinessDatabase.embedded(dir);
  }
}
