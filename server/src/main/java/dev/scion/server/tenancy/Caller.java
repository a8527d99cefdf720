package dev.scion.server.tenancy;

import dev.scion.server.ApiException;
import io.javalin.http.Context;
import java.util.List;

/**
 * Who is calling: their tenant, the key they used (null for the administrator and for a server
 * without keys), what the key may use (an empty list: everything of the tenant), and the person the
 * key is bound to (null for a service key and for the administrator), and whether the turns it
 * chats are logged for analytics (false: its key opted out).
 */
public record Caller(
    String tenant,
    String keyId,
    boolean admin,
    List<String> packs,
    List<String> collections,
    String user,
    boolean turnLog) {
  private static final String ATTRIBUTE = "scion.caller";

  /** Scoped to the empty name, which no pack or collection has: it may use nothing. */
  private static final Caller ANONYMOUS =
      new Caller(Platform.DEFAULT_TENANT, null, false, List.of(""), List.of(""), null, true);

  /** The administrator, who works in the default tenant. */
  static Caller administrator() {
    return new Caller(Platform.DEFAULT_TENANT, null, true, List.of(), List.of(), null, true);
  }

  static Caller of(Platform.Key key) {
    return new Caller(
        key.tenant(), key.id(), false, key.packs(), key.collections(), key.user(), key.turnLog());
  }

  /**
   * The caller of a request; before authentication ran (public routes, requests that matched no
   * route) an anonymous caller of the default tenant who may do nothing.
   */
  public static Caller of(Context ctx) {
    Caller c = ctx.attribute(ATTRIBUTE);
    return c == null ? ANONYMOUS : c;
  }

  /** Whether authentication named a caller for the request. */
  static boolean identified(Context ctx) {
    return ctx.attribute(ATTRIBUTE) != null;
  }

  void attach(Context ctx) {
    ctx.attribute(ATTRIBUTE, this);
  }

  public boolean mayUsePack(String pack) {
    return packs.isEmpty() || packs.contains(pack);
  }

  public boolean mayUseCollection(String collection) {
    return collections.isEmpty() || collections.contains(collection);
  }

  /** Refuses a collection the key is not scoped to. */
  public void checkCollection(String collection) {
    if (!mayUseCollection(collection)) {
      throw new ApiException(
          403,
          "this API key may not use collection '"
              + collection
              + "'; its collections are "
              + collections);
    }
  }

  /** Refuses callers other than the administrator. */
  public void checkAdmin() {
    if (!admin) {
      throw new ApiException(
          403, "only the administrator key (SCION_ADMIN_KEY) may manage tenants and keys");
    }
  }
}
