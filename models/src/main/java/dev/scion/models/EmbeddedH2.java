package dev.scion.models;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.Set;
import java.util.stream.Stream;

/**
 * How Scion opens an embedded H2 database of its data folder: in-process only (no {@code
 * AUTO_SERVER}, so no TCP port is opened), with a password generated on first use and kept beside
 * the database in a file only the owner may read, in a folder only the owner may enter. A database
 * made by an earlier version with user {@code sa} and an empty password is given the generated
 * password when it is first opened.
 */
public final class EmbeddedH2 {
  /** The user of every embedded database. */
  public static final String USER = "sa";

  private static final Set<PosixFilePermission> OWNER_FOLDER =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> OWNER_FILE =
      PosixFilePermissions.fromString("rw-------");
  private static final SecureRandom RANDOM = new SecureRandom();

  /** What a connection pool needs to open the database. */
  public record Credentials(String url, String user, String password) {}

  private EmbeddedH2() {}

  /**
   * Prepares the database whose files start with {@code base} ({@code data/platform/platform} holds
   * {@code platform.mv.db}): its folder made owner-only, its password read or generated (in {@code
   * base.password}), and an older database moved from the empty password to it.
   */
  public static Credentials prepare(Path base) {
    Path folder = base.toAbsolutePath().getParent();
    try {
      ownerOnlyFolder(folder);
      String password = password(folder.resolve(base.getFileName() + ".password"));
      String url = "jdbc:h2:file:" + base.toAbsolutePath();
      if (Files.exists(folder.resolve(base.getFileName() + ".mv.db"))) {
        adoptPassword(url, password);
      }
      return new Credentials(url, USER, password);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot prepare the database folder " + folder.getFileName() + ": " + e.getMessage(), e);
    }
  }

  /** Makes every file in the database's folder readable and writable by the owner only. */
  public static void restrictFiles(Path base) {
    if (!posix()) {
      return;
    }
    Path folder = base.toAbsolutePath().getParent();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path f : files.toList()) {
        if (Files.isRegularFile(f)) {
          try {
            Files.setPosixFilePermissions(f, OWNER_FILE);
          } catch (IOException e) {
            // a file the database removed meanwhile (its lock, a temporary file)
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot restrict the files of " + folder.getFileName() + ": " + e.getMessage(), e);
    }
  }

  private static boolean posix() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }

  private static void ownerOnlyFolder(Path folder) throws IOException {
    Files.createDirectories(folder);
    if (posix()) {
      Files.setPosixFilePermissions(folder, OWNER_FOLDER);
    }
  }

  /** The password in {@code file}, or a new one written there (owner-only) first. */
  private static String password(Path file) throws IOException {
    if (Files.exists(file)) {
      String p = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (!p.isEmpty()) {
        if (posix()) {
          Files.setPosixFilePermissions(file, OWNER_FILE);
        }
        return p;
      }
    }
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    String p = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    if (posix()) {
      Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_FILE));
    }
    Files.writeString(tmp, p + "\n", StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    return p;
  }

  /**
   * Sets the password on a database that still has the empty one (made before passwords were
   * generated); a database that takes the password already is left as it is.
   */
  private static void adoptPassword(String url, String password) {
    try {
      DriverManager.getConnection(url, USER, password).close();
      return; // the password is set already
    } catch (SQLException e) {
      if (e.getErrorCode() != 28000) { // not a wrong password: the pool will report it
        return;
      }
    }
    try (Connection c = DriverManager.getConnection(url, USER, "");
        Statement s = c.createStatement()) {
      s.execute("ALTER USER " + USER + " SET PASSWORD '" + password + "'");
    } catch (SQLException e) {
      throw new IllegalStateException(
          "the embedded database takes neither its password nor the empty one of older versions;"
              + " restore its .password file",
          e);
    }
  }
}
