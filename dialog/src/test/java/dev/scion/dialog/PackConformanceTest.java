package dev.scion.dialog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scion.dialog.tools.BusinessDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every dialogue pack in packs/ conforms ({@link PackCheck}): its templates, tasks, slots and
 * tools, with every tool's SQL run on H2 and on PostgreSQL.
 */
class PackConformanceTest {
  static final Path PACKS = Path.of("..", "packs");
  static EmbeddedPostgres postgres;
  static int databases;

  @BeforeAll
  static void startPostgres() throws Exception {
    postgres = EmbeddedPostgres.builder().start();
  }

  @AfterAll
  static void stopPostgres() throws Exception {
    postgres.close();
  }

  static Stream<Path> packs() throws Exception {
    try (var dirs = Files.list(PACKS)) {
      List<Path> out =
          dirs.filter(d -> Files.exists(d.resolve("nlu").resolve("en.md"))).sorted().toList();
      assertFalse(out.isEmpty(), "no dialogue pack under " + PACKS.toAbsolutePath());
      return out.stream();
    }
  }

  @ParameterizedTest
  @MethodSource("packs")
  void conformsOnH2(Path pack, @TempDir Path data) {
    try (BusinessDatabase db = BusinessDatabase.embedded(data)) {
      assertEquals(List.of(), PackCheck.check(pack, db).stream().map(String::valueOf).toList());
    }
  }

  @ParameterizedTest
  @MethodSource("packs")
  void conformsOnPostgres(Path pack) throws Exception {
    String name = "conformance" + (++databases);
    try (var c = postgres.getPostgresDatabase().getConnection();
        var s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    try (BusinessDatabase db =
        BusinessDatabase.open(postgres.getJdbcUrl("postgres", name), "postgres", "")) {
      assertEquals(List.of(), PackCheck.check(pack, db).stream().map(String::valueOf).toList());
    }
  }

  @Test
  void aBrokenPackGetsOneLinePerProblemWithItsFileAndTheFix(@TempDir Path tmp) throws Exception {
    Path pack = tmp.resolve("broken");
    copy(PACKS.resolve("ota-hotel"), pack);
    Path zh = pack.resolve("templates").resolve("zh.yaml");
    Files.writeString(
        zh,
        Files.readString(zh, StandardCharsets.UTF_8).replaceAll("(?m)^ask\\.hotel:.*$", ""),
        StandardCharsets.UTF_8);
    Path tools = pack.resolve("database").resolve("tools.yaml");
    Files.writeString(
        tools,
        Files.readString(tools, StandardCharsets.UTF_8)
            .replaceFirst("WHERE b\\.id = :booking_id", "WHERE b.nonexistent = :booking_id"),
        StandardCharsets.UTF_8);
    Path yaml = pack.resolve("pack.yaml");
    Files.writeString(
        yaml,
        Files.readString(yaml, StandardCharsets.UTF_8)
            .replace("star_rating: number", "star_rating: stars"),
        StandardCharsets.UTF_8);
    Path en = pack.resolve("nlu").resolve("en.md");
    Files.writeString(
        en,
        Files.readString(en, StandardCharsets.UTF_8) + "\n- a room in [Hanoi](town)\n",
        StandardCharsets.UTF_8);
    Path zhExamples = pack.resolve("nlu").resolve("zh.md");
    Files.writeString(
        zhExamples,
        Files.readString(zhExamples, StandardCharsets.UTF_8) + "\n- 订[河内(city)\n",
        StandardCharsets.UTF_8);
    try (BusinessDatabase db = BusinessDatabase.embedded(tmp.resolve("data"))) {
      List<String> problems = PackCheck.check(pack, db).stream().map(String::valueOf).toList();
      assertEquals(5, problems.size(), String.join("\n", problems));
      assertTrue(
          problems.contains(
              en
                  + ": marks spans as 'town', which is no slot of pack.yaml; add the slot or fix"
                  + " the label"),
          String.join("\n", problems));
      assertTrue(
          problems.stream()
              .anyMatch(p -> p.matches(".*zh\\.md: line \\d+:\\d+: '\\[' is never closed.*")),
          String.join("\n", problems));
      assertTrue(
          problems.contains(zh + ": no template 'ask.hotel'; add it (the engine says it)"),
          String.join("\n", problems));
      assertTrue(
          problems.stream()
              .anyMatch(
                  p ->
                      p.matches(".*pack\\.yaml:\\d+: slot star_rating has unknown kind 'stars'.*")),
          String.join("\n", problems));
      assertTrue(
          problems.stream()
              .anyMatch(
                  p -> p.matches(".*tools\\.yaml:\\d+: get_booking failed in the database.*")),
          String.join("\n", problems));
    }
  }

  private static void copy(Path from, Path to) throws Exception {
    try (var all = Files.walk(from)) {
      for (Path p : all.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
