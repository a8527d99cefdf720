package dev.scion.app;

import java.util.List;

/** The directory commands on the data folder's embedded H2. */
class H2FormsDirectoryCommandTest extends FormsDirectoryCommandContract {
  @Override
  List<String> where() {
    return List.of("--data", dir.resolve("data").toString());
  }
}
