package dev.scion.server;

import java.nio.file.Path;

/**
 * How to run the server.
 *
 * @param host the address to bind; loopback unless told otherwise
 * @param port the port; 0 picks a free one
 * @param dataDir where collections live
 * @param apiKey the key clients must send ({@code api-key} or {@code Authorization: Bearer});
 *     required when {@code host} is not a loopback address; null for none
 * @param maxBodyBytes the largest request body accepted
 * @param packs the folders of the industry packs to serve as chat models
 */
public record ServerConfig(
    String host,
    int port,
    Path dataDir,
    String apiKey,
    long maxBodyBytes,
    java.util.List<Path> packs) {
  public static final long DEFAULT_MAX_BODY = 64L << 20;

  public ServerConfig {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
    }
    if (apiKey != null && apiKey.isBlank()) {
      apiKey = null;
    }
    packs = java.util.List.copyOf(packs);
  }

  /** A configuration serving no packs. */
  public ServerConfig(String host, int port, Path dataDir, String apiKey, long maxBodyBytes) {
    this(host, port, dataDir, apiKey, maxBodyBytes, java.util.List.of());
  }

  /** The same configuration serving {@code packs}. */
  public ServerConfig withPacks(java.util.List<Path> packs) {
    return new ServerConfig(host, port, dataDir, apiKey, maxBodyBytes, packs);
  }

  public static ServerConfig local(Path dataDir, int port) {
    return new ServerConfig("127.0.0.1", port, dataDir, null, DEFAULT_MAX_BODY);
  }
}
