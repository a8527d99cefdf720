package dev.scion.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.scion.vector.SearchRequest;
import dev.scion.vector.VectorDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScionCommandTest {
  @TempDir Path dir;

  @Test
  void exitCodesFollowTheConvention() {
    assertEquals(0, ScionCommand.execute("--help"));
    assertEquals(0, ScionCommand.execute("serve", "--help"));
    assertEquals(2, ScionCommand.execute("serve", "--no-such-flag"));
    assertEquals(2, ScionCommand.execute("serve", "--port", "not-a-number"));
    assertEquals(
        2, ScionCommand.execute("serve", "--pack", "no-such-pack", "--data", dir.toString()));
  }

  @Test
  void chatEvalRefusesBadUsageWithExitTwo() throws Exception {
    assertEquals(0, ScionCommand.execute("chat", "eval", "--help"));
    assertEquals(2, ScionCommand.execute("chat", "--data", dir.toString()));
    assertEquals(
        2,
        ScionCommand.execute(
            "chat",
            "eval",
            "--pack",
            "ota-hotel",
            "--stories",
            dir.resolve("none.yaml").toString()));
    java.nio.file.Path bad = dir.resolve("bad.yaml");
    java.nio.file.Files.writeString(bad, "- story: a\n  turns: [{user: hi, intent: [greet]}]\n");
    assertEquals(
        2,
        ScionCommand.execute("chat", "eval", "--pack", "ota-hotel", "--stories", bad.toString()));
    assertEquals(
        2,
        ScionCommand.execute(
            "chat",
            "eval",
            "--pack",
            "ota-hotel",
            "--stories",
            bad.toString(),
            "--min-turn-accuracy",
            "2"));
  }

  @Test
  void demoDataAnswersANearestCityQuery() {
    try (VectorDatabase db = VectorDatabase.open(dir)) {
      DemoCommand.loadDemoData(db);
      DemoCommand.loadDemoData(db);
      var hits = db.collection("cities").search(SearchRequest.of(new float[] {16.0f, 108.2f}, 1));
      assertEquals("Da Nang", hits.getFirst().payload().get("name").asText());
      assertEquals(13, db.collection("cities").count(null));
    }
  }
}
