package dev.scion.server;

import dev.scion.vector.VectorStore;
import java.nio.file.Path;

/** The conformance suite on the embedded engine, in a temporary folder. */
class EmbeddedStoreConformanceTest extends VectorStoreConformance {
  @Override
  VectorStore open(Path dir) {
    return VectorStore.embedded(dir);
  }
}
