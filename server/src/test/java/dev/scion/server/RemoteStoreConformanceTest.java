package dev.scion.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scion.vector.CollectionConfig;
import dev.scion.vector.Distance;
import dev.scion.vector.SearchRequest;
import dev.scion.vector.StorageException;
import dev.scion.vector.VectorStore;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The conformance suite on the remote store, speaking Qdrant's REST API to a real Scion server on a
 * free port, one for the class (a Qdrant cluster answers the same API), with an api key.
 */
class RemoteStoreConformanceTest extends VectorStoreConformance {
  static final String ADMIN = "admin-key-for-remote-store-0123456789";
  @TempDir static Path serverDir;
  static ScionServer server;

  @BeforeAll
  static void startServer() {
    server = ScionServer.start(new ServerConfig("127.0.0.1", 0, serverDir, ADMIN, 64L << 20));
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @Override
  VectorStore open(Path dir) {
    return VectorStore.remote(URI.create("http://127.0.0.1:" + server.port()), ADMIN);
  }

  /** Each check starts from an empty server, as each embedded check starts from an empty folder. */
  @AfterEach
  void dropCollections() {
    store.delete("hotels");
  }

  @Test
  void searchesMatchTheEmbeddedStoreOnTheSameData() {
    VectorStore.Collection remote = hotels();
    try (VectorStore embedded = VectorStore.embedded(dir.resolve("embedded"))) {
      VectorStore.Collection local =
          embedded.create("hotels", new CollectionConfig(DIMENSION, Distance.COSINE));
      local.upsert(points(SEED), true);
      for (int i = 0; i < 5; i++) {
        float[] q = query(SEED + i);
        assertSameHits(
            local.search(SearchRequest.of(q, 10)), remote.search(SearchRequest.of(q, 10)));
      }
    }
  }

  @Test
  void aWrongKeyOrAnUnreachableServerIsOneClearError() throws Exception {
    try (VectorStore wrongKey =
        VectorStore.remote(
            URI.create("http://127.0.0.1:" + server.port()), "not-the-key-0000000")) {
      StorageException e = assertThrows(StorageException.class, () -> wrongKey.exists("hotels"));
      assertTrue(e.getMessage().contains("api key"), e.getMessage());
    }
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    String url = "http://127.0.0.1:" + port;
    try (VectorStore nobody = VectorStore.remote(URI.create(url), null)) {
      StorageException e = assertThrows(StorageException.class, () -> nobody.collection("x"));
      assertTrue(
          e.getMessage().startsWith("cannot reach the vector store at " + url), e.getMessage());
      assertEquals(1, e.getMessage().lines().count());
    }
  }
}
