package dev.scion.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scion.server.ScionServer;
import dev.scion.server.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scion pack train|versions|promote|rollback} against a real server serving the pack that
 * {@code scion pack new} writes: a reviewed example, a version trained and waited for, promoted,
 * listed as serving, rolled back; the server's refusals end the command with its message.
 */
class PackVersionsCommandTest {
  @TempDir Path packs;
  @TempDir Path data;
  private final PrintStream stdout = System.out;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  @BeforeEach
  void capture() {
    System.setProperty("scion.packs", packs.toString());
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restore() {
    System.setOut(stdout);
    System.clearProperty("scion.packs");
  }

  private String said() {
    String s = out.toString(StandardCharsets.UTF_8);
    out.reset();
    return s;
  }

  @Test
  void trainWaitPromoteListAndRollBack() throws Exception {
    assertEquals(0, ScionCommand.execute("pack", "new", "my-shop"));
    said();
    try (ScionServer server =
        ScionServer.start(
            ServerConfig.local(data, 0).withPacks(List.of(packs.resolve("my-shop"))))) {
      String url = "http://127.0.0.1:" + server.port();
      HttpResponse<String> added =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(url + "/packs/my-shop/examples"))
                      .POST(
                          HttpRequest.BodyPublishers.ofString(
                              "{\"text\":\"gimme a teapot\",\"intents\":[\"place_order\"],"
                                  + "\"slots\":[{\"start\":8,\"end\":14,\"slot\":\"item\"}]}"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertEquals(201, added.statusCode(), added.body());

      assertEquals(0, ScionCommand.execute("pack", "train", "my-shop", "--wait", "--url", url));
      String trained = said();
      assertTrue(trained.contains("my-shop v1: queued"), trained);
      assertTrue(trained.contains("reviewed examples: 1/1 intents right"), trained);

      assertEquals(0, ScionCommand.execute("pack", "promote", "my-shop", "v1", "--url", url));
      assertEquals("my-shop: serving v1 (was base)", said().strip());
      assertEquals(0, ScionCommand.execute("pack", "versions", "my-shop", "--url", url));
      String listed = said();
      assertTrue(listed.contains("serving v1") && listed.contains("* v1"), listed);
      assertEquals(0, ScionCommand.execute("pack", "versions", "my-shop", "v1", "--url", url));
      assertTrue(said().contains("my-shop v1: ready"));
      assertEquals(0, ScionCommand.execute("pack", "rollback", "my-shop", "--url", url));
      assertEquals("my-shop: serving base (v1 rolled back)", said().strip());

      assertEquals(1, ScionCommand.execute("pack", "promote", "my-shop", "v9", "--url", url));
      assertEquals(1, ScionCommand.execute("pack", "rollback", "my-shop", "--url", url));
      assertEquals(1, ScionCommand.execute("pack", "versions", "no-such-pack", "--url", url));
    }
    assertEquals(
        2,
        ScionCommand.execute("pack", "versions", "my-shop", "--url", "http://127.0.0.1:1"),
        "no server there");
    for (String command : List.of("train", "versions", "promote", "rollback")) {
      assertEquals(0, ScionCommand.execute("pack", command, "--help"));
      assertTrue(said().contains("--url"), command);
    }
  }
}
