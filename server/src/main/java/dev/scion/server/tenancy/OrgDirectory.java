package dev.scion.server.tenancy;

import dev.scion.forms.Directory;
import dev.scion.server.ApiException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Each tenant's organisation directory, in the platform database next to its tenants and keys:
 * people (their user name, display name, manager and roles), as the forms' flows read them ({@link
 * #of(String)}). People are written one by one or imported from CSV, all of a file or none of it.
 */
public final class OrgDirectory {
  private static final Pattern ID = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}._@-]{0,99}");
  private static final Pattern ROLE = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}_ -]{0,99}");

  private final DataSource pool;

  OrgDirectory(DataSource pool) {
    this.pool = pool;
    try (Connection c = pool.getConnection();
        var s = c.createStatement()) {
      s.execute(
          "CREATE TABLE IF NOT EXISTS scion_people (tenant VARCHAR(40) NOT NULL,"
              + " id VARCHAR(100) NOT NULL, name VARCHAR(200) NOT NULL, manager VARCHAR(100),"
              + " roles VARCHAR(2000) NOT NULL, PRIMARY KEY (tenant, id))");
    } catch (SQLException e) {
      throw new IllegalStateException("platform database: " + e.getMessage(), e);
    }
  }

  /** The directory of one tenant, as the forms runtime reads it. */
  public Directory of(String tenant) {
    return id -> person(tenant, id);
  }

  /** A tenant's people, by id. */
  public List<Directory.Person> people(String tenant) {
    return select("SELECT * FROM scion_people WHERE tenant = ? ORDER BY id", tenant, null);
  }

  /** The person with this id, or null. */
  public Directory.Person person(String tenant, String id) {
    List<Directory.Person> p =
        select("SELECT * FROM scion_people WHERE tenant = ? AND id = ?", tenant, id);
    return p.isEmpty() ? null : p.getFirst();
  }

  /** Adds a person, or replaces the one with the same id. */
  public Directory.Person put(String tenant, Directory.Person p) {
    Directory.Person checked = check(p, "person");
    inTransaction(c -> write(c, tenant, checked));
    return checked;
  }

  /** Removes a person; false when there was none. */
  public boolean remove(String tenant, String id) {
    int[] n = new int[1];
    inTransaction(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement("DELETE FROM scion_people WHERE tenant = ? AND id = ?")) {
            s.setString(1, tenant);
            s.setString(2, id);
            n[0] = s.executeUpdate();
          }
        });
    return n[0] > 0;
  }

  /** Forgets every person of a tenant (the tenant is being deleted). */
  void removeAll(String tenant) {
    inTransaction(
        c -> {
          try (PreparedStatement s =
              c.prepareStatement("DELETE FROM scion_people WHERE tenant = ?")) {
            s.setString(1, tenant);
            s.executeUpdate();
          }
        });
  }

  /**
   * Imports people from CSV with the header {@code id,name,manager,roles} (roles separated by
   * {@code ;}); every line is checked before any is written, and a bad line is named with its
   * number. Returns how many people were written.
   */
  public int importCsv(String tenant, String csv) {
    List<Directory.Person> people = parseCsv(csv);
    inTransaction(
        c -> {
          for (Directory.Person p : people) {
            write(c, tenant, p);
          }
        });
    return people.size();
  }

  /** The people of a CSV text, checked line by line. */
  static List<Directory.Person> parseCsv(String csv) {
    List<String> lines = csv == null ? List.of() : csv.strip().lines().toList();
    if (lines.isEmpty()) {
      throw ApiException.badRequest(
          "the CSV is empty; send a header line id,name,manager,roles and one line per person");
    }
    List<String> header =
        Arrays.stream(lines.getFirst().replace("\uFEFF", "").split(",", -1))
            .map(h -> h.strip().toLowerCase(java.util.Locale.ROOT))
            .toList();
    int id = header.indexOf("id");
    if (id < 0) {
      throw ApiException.badRequest(
          "the CSV's first line must name its columns, with at least id: id,name,manager,roles");
    }
    List<Directory.Person> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 1; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      List<String> cells = cells(lines.get(i));
      String where = "CSV line " + (i + 1);
      Directory.Person p =
          check(
              new Directory.Person(
                  cell(cells, id),
                  cell(cells, header.indexOf("name")),
                  cell(cells, header.indexOf("manager")),
                  roles(cell(cells, header.indexOf("roles")))),
              where);
      if (!seen.add(p.id())) {
        throw ApiException.badRequest(where + ": " + p.id() + " is listed twice; keep one line");
      }
      out.add(p);
    }
    return out;
  }

  /** The cells of a CSV line; a cell in double quotes may hold commas and doubled quotes. */
  private static List<String> cells(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (quoted) {
        if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (ch == '"') {
          quoted = false;
        } else {
          cell.append(ch);
        }
      } else if (ch == '"') {
        quoted = true;
      } else if (ch == ',') {
        out.add(cell.toString());
        cell.setLength(0);
      } else {
        cell.append(ch);
      }
    }
    out.add(cell.toString());
    return out;
  }

  private static String cell(List<String> cells, int i) {
    return i < 0 || i >= cells.size() || cells.get(i).isBlank() ? null : cells.get(i).strip();
  }

  /** Roles written as {@code finance;audit} (or separated by {@code |}). */
  public static List<String> roles(String text) {
    if (text == null || text.isBlank()) {
      return List.of();
    }
    return Arrays.stream(text.split("[;|]")).map(String::strip).filter(r -> !r.isEmpty()).toList();
  }

  private static Directory.Person check(Directory.Person p, String where) {
    if (p.id() == null || !ID.matcher(p.id()).matches()) {
      throw ApiException.badRequest(
          where
              + ": id '"
              + p.id()
              + "' is not a user name; use letters, digits and . _ @ -, e.g. ana or ana.tran");
    }
    if (p.manager() != null && !ID.matcher(p.manager()).matches()) {
      throw ApiException.badRequest(
          where + ": manager '" + p.manager() + "' is not a user name; give the manager's id");
    }
    if (p.id().equals(p.manager())) {
      throw ApiException.badRequest(where + ": " + p.id() + " cannot be their own manager");
    }
    for (String r : p.roles()) {
      if (!ROLE.matcher(r).matches()) {
        throw ApiException.badRequest(
            where + ": role '" + r + "' is not a role name; use letters, digits, _ and spaces");
      }
    }
    if (p.name() != null && p.name().length() > 200) {
      throw ApiException.badRequest(where + ": the name is longer than 200 characters");
    }
    if (String.join(";", p.roles()).length() > 2000) {
      throw ApiException.badRequest(where + ": the roles are longer than 2000 characters");
    }
    String name = p.name() == null || p.name().isBlank() ? p.id() : p.name().strip();
    return new Directory.Person(
        p.id(), name, p.manager(), p.roles().stream().map(OrgDirectory::roleId).toList());
  }

  /**
   * A role as the form language names it ({@code role team_lead}): lower case, with spaces and
   * hyphens as underscores, so that "Team Lead" in a CSV is the role a "team lead" step asks for.
   */
  static String roleId(String role) {
    return role.strip().toLowerCase(java.util.Locale.ROOT).replaceAll("[\\s-]+", "_");
  }

  private static void write(Connection c, String tenant, Directory.Person p) throws SQLException {
    try (PreparedStatement d =
            c.prepareStatement("DELETE FROM scion_people WHERE tenant = ? AND id = ?");
        PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO scion_people (tenant, id, name, manager, roles) VALUES (?, ?, ?, ?, ?)")) {
      d.setString(1, tenant);
      d.setString(2, p.id());
      d.executeUpdate();
      s.setString(1, tenant);
      s.setString(2, p.id());
      s.setString(3, p.name());
      s.setString(4, p.manager());
      s.setString(5, String.join(";", p.roles()));
      s.executeUpdate();
    }
  }

  private List<Directory.Person> select(String sql, String tenant, String id) {
    List<Directory.Person> out = new ArrayList<>();
    try (Connection c = pool.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, tenant);
      if (id != null) {
        s.setString(2, id);
      }
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(
              new Directory.Person(
                  rs.getString("id"),
                  rs.getString("name"),
                  rs.getString("manager"),
                  roles(rs.getString("roles"))));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("platform database: " + e.getMessage(), e);
    }
    return out;
  }

  private interface Work {
    void run(Connection c) throws SQLException;
  }

  private void inTransaction(Work work) {
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try {
        work.run(c);
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("platform database: " + e.getMessage(), e);
    }
  }
}
