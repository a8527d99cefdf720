package dev.scion.server;

import java.nio.file.Path;

/** The directory and decisions with the platform's records in embedded H2. */
class H2FormsDirectoryTest extends FormsDirectoryContract {
  @Override
  ServerConfig config(Path dir) {
    return new ServerConfig("127.0.0.1", 0, dir, ADMIN, 1 << 20);
  }
}
