package dev.scion.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiKeyTest {
  @TempDir Path dir;

  @Test
  void keyIsRequiredOnEveryRouteButHealthWhenConfigured() {
    try (ScionServer server =
        ScionServer.start(
            new ServerConfig("127.0.0.1", 0, dir, "s3cret-admin-key-0123", 1 << 20))) {
      Http anonymous = new Http(server.port());
      assertEquals(401, anonymous.get("/collections").status());
      assertTrue(anonymous.get("/collections").error().contains("missing API key"));
      assertEquals(401, new Http(server.port(), "wrong").get("/collections").status());
      assertEquals(
          200, new Http(server.port(), "s3cret-admin-key-0123").get("/collections").status());
      assertEquals(200, anonymous.get("/health/live").status());
    }
  }

  @Test
  void bearerTokenIsAccepted() throws Exception {
    try (ScionServer server =
        ScionServer.start(
            new ServerConfig("127.0.0.1", 0, dir, "s3cret-admin-key-0123", 1 << 20))) {
      var client = java.net.http.HttpClient.newHttpClient();
      var request =
          java.net.http.HttpRequest.newBuilder(
                  java.net.URI.create("http://127.0.0.1:" + server.port() + "/collections"))
              .header("Authorization", "Bearer s3cret-admin-key-0123")
              .build();
      assertEquals(
          200,
          client.send(request, java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode());
    }
  }

  @Test
  void refusesToListenBeyondLoopbackWithoutAKey() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ScionServer.start(new ServerConfig("0.0.0.0", 0, dir, null, 1 << 20)));
    assertTrue(e.getMessage().contains("SCION_ADMIN_KEY"));
  }
}
