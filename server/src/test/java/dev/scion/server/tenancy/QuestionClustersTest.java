package dev.scion.server.tenancy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scion.models.Encoders;
import dev.scion.vector.Distance;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unanswered questions grouped by meaning with the knowledge bases' encoder (bge-small). */
class QuestionClustersTest {
  /** Four wordings (one asked twice) of a question about a helipad. */
  static final List<String> HELIPAD =
      List.of(
          "do you have a helicopter landing pad for guests?",
          "Is there a helipad at the hotel?",
          "can I land my helicopter at your hotel?",
          "does the hotel have a helipad",
          "Is there a helipad at the hotel?");

  /** Three wordings of a question about a pet llama. */
  static final List<String> LLAMA =
      List.of(
          "can I bring my pet llama?",
          "are llamas allowed in the rooms?",
          "is it ok to travel with my llama and keep it in the room?");

  /** Another question of the same domain, asked once: a group of its own. */
  static final String POOL = "is the swimming pool heated in winter?";

  static Encoders encoders;

  @BeforeAll
  static void load() {
    encoders = new Encoders(2, 1000);
  }

  @AfterAll
  static void close() {
    encoders.close();
  }

  /** The two questions interleaved, as they would come in over a day. */
  static List<String> asked() {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < HELIPAD.size(); i++) {
      out.add(HELIPAD.get(i));
      if (i < LLAMA.size()) {
        out.add(LLAMA.get(i));
      }
    }
    out.add(POOL);
    return out;
  }

  @Test
  void paraphrasesOfTwoQuestionsMakeTwoGroups() {
    List<String> asked = asked();
    float[][] v = encoders.get("bge-small-en-v1.5").embed(asked);
    for (int i = 0; i < asked.size(); i++) {
      StringBuilder row = new StringBuilder();
      for (int j = 0; j < asked.size(); j++) {
        row.append(
            String.format(java.util.Locale.ROOT, " %.2f", Distance.COSINE.score(v[i], v[j])));
      }
      System.out.println(row + "  " + asked.get(i));
    }
    List<QuestionClusters.Cluster> groups = new QuestionClusters(encoders::get).cluster(asked);
    System.out.println(groups);
    assertEquals(3, groups.size(), groups.toString());
    check(groups.get(0), HELIPAD, 5);
    check(groups.get(1), LLAMA, 3);
    check(groups.get(2), List.of(POOL), 1);
  }

  /** A group holds {@code count} questions, all wordings of one question, shown with 3 others. */
  static void check(QuestionClusters.Cluster g, List<String> wordings, int count) {
    Set<String> lower = new HashSet<>();
    wordings.forEach(w -> lower.add(w.strip().toLowerCase(java.util.Locale.ROOT)));
    assertEquals(count, g.count(), g.toString());
    assertTrue(lower.contains(g.text()), g.toString());
    assertEquals(Math.min(3, lower.size() - 1), g.examples().size(), g.toString());
    assertTrue(lower.containsAll(g.examples()) && !g.examples().contains(g.text()), g.toString());
  }

  @Test
  void analyticsGroupsTheUnansweredTurns(@TempDir Path dir) {
    try (Platform p = Platform.inDataFolder(dir)) {
      Instant since = Instant.now().minusSeconds(1);
      int n = 0;
      for (String q : asked()) {
        p.turns()
            .append(
                "default",
                new TurnLog.Entry(
                    "ota-hotel",
                    "c" + n++,
                    q,
                    "I have no answer to that",
                    List.of("ask_amenity"),
                    List.of(),
                    List.of("unanswered")));
      }
      JsonNode a =
          p.turns().analytics("default", "ota-hotel", since, new QuestionClusters(encoders::get));
      JsonNode u = a.get("unanswered");
      assertEquals(3, u.size(), a.toString());
      assertEquals(5, u.at("/0/count").asInt(), a.toString());
      assertEquals(3, u.at("/0/examples").size(), a.toString());
      assertEquals(3, u.at("/1/count").asInt(), a.toString());
      assertTrue(u.at("/1/text").asText().contains("llama"), a.toString());
      assertEquals(POOL, u.at("/2/text").asText(), a.toString());
      assertEquals(0, u.at("/2/examples").size(), a.toString());
    }
  }
}
