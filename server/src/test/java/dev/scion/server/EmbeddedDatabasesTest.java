package dev.scion.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scion.forms.FormRuntime;
import dev.scion.models.EmbeddedH2;
import dev.scion.server.tenancy.Platform;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded databases of a data folder (platform records, forms, a pack's business database)
 * open no port, have a generated password and keep their files to the owner.
 */
class EmbeddedDatabasesTest {
  static final String ADMIN = "admin-key-for-embedded-0123456789";

  @TempDir Path dir;

  /** The TCP ports this process listens on, from {@code /proc}. */
  static Set<Integer> listeningPorts() throws IOException {
    Set<String> sockets = new HashSet<>();
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
      for (Path fd : fds) {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.startsWith("socket:[")) {
            sockets.add(target.substring(8, target.length() - 1));
          }
        } catch (IOException e) {
          // closed while listed
        }
      }
    }
    Set<Integer> ports = new TreeSet<>();
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      List<String> lines = Files.readAllLines(Path.of(table));
      for (String line : lines.subList(1, lines.size())) {
        String[] f = line.strip().split("\\s+");
        boolean listening = f[3].equals("0A");
        if (listening && sockets.contains(f[9])) {
          ports.add(Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1), 16));
        }
      }
    }
    return ports;
  }

  private ScionServer start() {
    return ScionServer.start(
        new ServerConfig("127.0.0.1", 0, dir, ADMIN, 1 << 20)
            .withPacks(List.of(Path.of("..", "packs", "ota-hotel"))));
  }

  @Test
  void theServerListensOnItsHttpPortAndNothingElse() throws Exception {
    Set<Integer> before = listeningPorts();
    try (ScionServer server = start()) {
      Http admin = new Http(server.port(), ADMIN);
      assertEquals(201, admin.post("/admin/tenants", "{\"id\":\"acme\"}").status());
      Set<Integer> opened = listeningPorts();
      opened.removeAll(before);
      assertEquals(Set.of(server.port()), opened, "ports the server opened");
    }
  }

  @Test
  void databaseFoldersAndFilesAreTheOwnersOnly() throws Exception {
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    try (ScionServer server = start()) {
      assertEquals(
          "rwx------",
          PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)),
          "the data folder, so that collections, knowledge bases and snapshots are the owner's");
      for (Path folder :
          List.of(
              dir.resolve("platform"),
              dir.resolve("forms"),
              dir.resolve("packs/ota-hotel/database"))) {
        assertEquals(
            "rwx------",
            PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)),
            folder.toString());
        List<Path> files;
        try (Stream<Path> s = Files.list(folder)) {
          files = s.filter(Files::isRegularFile).toList();
        }
        assertTrue(files.stream().anyMatch(f -> f.toString().endsWith(".mv.db")), files.toString());
        assertTrue(
            files.stream().anyMatch(f -> f.toString().endsWith(".password")), files.toString());
        for (Path f : files) {
          assertEquals(
              "rw-------",
              PosixFilePermissions.toString(Files.getPosixFilePermissions(f)),
              f.toString());
        }
      }
    }
  }

  @Test
  void aDataFolderOfAnEarlierVersionOpensAndItsEmptyPasswordNoLongerDoes() throws Exception {
    Path platformBase = dir.resolve("platform/platform");
    Files.createDirectories(platformBase.getParent());
    String platformUrl = "jdbc:h2:file:" + platformBase.toAbsolutePath();
    try (Platform old = Platform.open(platformUrl, "sa", "")) {
      old.createTenant("legacy", "Made before passwords");
    }
    String formsUrl = "jdbc:h2:file:" + dir.resolve("forms/flowable").toAbsolutePath();
    FormRuntime.open(formsUrl, "sa", "").close();
    try (ScionServer server = start()) {
      Http admin = new Http(server.port(), ADMIN);
      Http.Reply tenants = admin.get("/admin/tenants");
      assertTrue(tenants.text().contains("legacy"), tenants.text());
      for (String url : List.of(platformUrl, formsUrl)) {
        SQLException refused =
            assertThrows(SQLException.class, () -> DriverManager.getConnection(url, "sa", ""));
        assertEquals(28000, refused.getErrorCode(), refused.getMessage());
      }
      String password = EmbeddedH2.prepare(platformBase).password();
      assertTrue(password.length() >= 32, "a generated password");
      DriverManager.getConnection(platformUrl, "sa", password).close();
    }
  }
}
