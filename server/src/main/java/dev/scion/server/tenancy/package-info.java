/**
 * Tenants and who calls: the platform's records ({@link dev.scion.server.tenancy.Platform}:
 * tenants, API keys, usage per minute, and each tenant's organisation directory, {@link
 * dev.scion.server.tenancy.OrgDirectory}) in one JDBC database, embedded H2 or PostgreSQL; the
 * caller of each request ({@link dev.scion.server.tenancy.Caller}: tenant, key, scopes, and the
 * person a key is bound to); limits and usage metering; and where each tenant's data lives ({@link
 * dev.scion.server.tenancy.TenantSpaces}).
 */
package dev.scion.server.tenancy;
