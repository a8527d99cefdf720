package dev.scion.server.tenancy;

import io.javalin.security.RouteRole;

/**
 * Who may call a route, given as the route's role when it is registered. The server decides from
 * the route a request matched, never from how its path is spelled ({@code /metrics/}, {@code
 * //admin/tenants}). A route without a role is a tenant's: any valid key may call it.
 */
public enum Access implements RouteRole {
  /** Anyone, without a key: health checks and the console's files. */
  PUBLIC,
  /** The administrator only: metrics of every tenant. */
  ADMIN,
  /** Tenants and keys: the administrator, on a server started with an administrator key. */
  MANAGEMENT
}
