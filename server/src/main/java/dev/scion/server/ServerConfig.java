package dev.scion.server;

import java.nio.file.Path;
import java.util.List;

/**
 * How to run the server.
 *
 * @param host the address to bind; loopback unless told otherwise
 * @param port the port; 0 picks a free one
 * @param dataDir where collections, knowledge bases and (by default) the databases live
 * @param adminKey the administrator's key ({@code api-key} or {@code Authorization: Bearer}); when
 *     set, every caller needs a key (the administrator's or a tenant's); required when {@code host}
 *     is not a loopback address; null to run open on loopback
 * @param maxBodyBytes the largest request body accepted
 * @param packs the folders of the industry packs to serve as chat models
 * @param databaseUrl the JDBC URL of the platform's database (tenants, keys, usage, workflows);
 *     null for embedded H2 in the data folder
 * @param databaseUser its user
 * @param databasePassword its password
 * @param idleTimeoutSeconds how long a connection may stay silent (slow clients are cut off)
 * @param maxDocumentTokens the most tokens one uploaded knowledge-base document may have
 */
public record ServerConfig(
    String host,
    int port,
    Path dataDir,
    String adminKey,
    long maxBodyBytes,
    List<Path> packs,
    String databaseUrl,
    String databaseUser,
    String databasePassword,
    int idleTimeoutSeconds,
    int maxDocumentTokens) {
  public static final long DEFAULT_MAX_BODY = 64L << 20;
  public static final int DEFAULT_IDLE_TIMEOUT = 30;
  public static final int DEFAULT_MAX_DOCUMENT_TOKENS = 200_000;

  public ServerConfig {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
    }
    if (adminKey != null && adminKey.isBlank()) {
      adminKey = null;
    }
    if (adminKey != null && adminKey.length() < 16) {
      throw new IllegalArgumentException(
          "the administrator key is too short to be safe; use at least 16 random characters");
    }
    if (databaseUrl != null && databaseUrl.isBlank()) {
      databaseUrl = null;
    }
    if (idleTimeoutSeconds < 1) {
      throw new IllegalArgumentException(
          "the idle timeout must be at least 1 second, got " + idleTimeoutSeconds);
    }
    if (maxDocumentTokens < 1) {
      throw new IllegalArgumentException(
          "the largest document must be at least 1 token, got " + maxDocumentTokens);
    }
    packs = List.copyOf(packs);
  }

  /** A configuration serving no packs, with embedded databases. */
  public ServerConfig(String host, int port, Path dataDir, String adminKey, long maxBodyBytes) {
    this(
        host,
        port,
        dataDir,
        adminKey,
        maxBodyBytes,
        List.of(),
        null,
        null,
        null,
        DEFAULT_IDLE_TIMEOUT,
        DEFAULT_MAX_DOCUMENT_TOKENS);
  }

  /** The same configuration serving {@code packs}. */
  public ServerConfig withPacks(List<Path> packs) {
    return new ServerConfig(
        host,
        port,
        dataDir,
        adminKey,
        maxBodyBytes,
        packs,
        databaseUrl,
        databaseUser,
        databasePassword,
        idleTimeoutSeconds,
        maxDocumentTokens);
  }

  /** The same configuration on a JDBC database (PostgreSQL in production). */
  public ServerConfig withDatabase(String url, String user, String password) {
    return new ServerConfig(
        host,
        port,
        dataDir,
        adminKey,
        maxBodyBytes,
        packs,
        url,
        user,
        password,
        idleTimeoutSeconds,
        maxDocumentTokens);
  }

  /** The same configuration cutting off connections silent for this long. */
  public ServerConfig withIdleTimeout(int seconds) {
    return new ServerConfig(
        host,
        port,
        dataDir,
        adminKey,
        maxBodyBytes,
        packs,
        databaseUrl,
        databaseUser,
        databasePassword,
        seconds,
        maxDocumentTokens);
  }

  /** The same configuration refusing knowledge-base documents over {@code tokens} tokens. */
  public ServerConfig withMaxDocumentTokens(int tokens) {
    return new ServerConfig(
        host,
        port,
        dataDir,
        adminKey,
        maxBodyBytes,
        packs,
        databaseUrl,
        databaseUser,
        databasePassword,
        idleTimeoutSeconds,
        tokens);
  }

  public static ServerConfig local(Path dataDir, int port) {
    return new ServerConfig("127.0.0.1", port, dataDir, null, DEFAULT_MAX_BODY);
  }
}
