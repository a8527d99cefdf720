package dev.scion.app;

import dev.scion.server.ServerConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options shared by {@code serve} and {@code demo}; flags beat SCION_* environment variables. */
final class ServeOptions {
  @Option(
      names = "--host",
      defaultValue = "${env:SCION_HOST:-127.0.0.1}",
      description =
          "Address to bind (default: ${DEFAULT-VALUE}; env SCION_HOST). Beyond loopback an API key is required.")
  String host;

  @Option(
      names = "--port",
      defaultValue = "${env:SCION_PORT:-8080}",
      description = "Port to listen on (default: ${DEFAULT-VALUE}; env SCION_PORT).")
  int port;

  @Option(
      names = "--data",
      defaultValue = "${env:SCION_DATA:-scion-data}",
      description = "Data directory (default: ${DEFAULT-VALUE}; env SCION_DATA).")
  Path data;

  @Option(
      names = "--api-key",
      defaultValue = "${env:SCION_API_KEY}",
      description = "API key clients must send (env SCION_API_KEY).")
  String apiKey;

  @Option(
      names = "--max-body-mb",
      defaultValue = "64",
      description = "Largest request body in MiB (default: ${DEFAULT-VALUE}).")
  int maxBodyMb;

  ServerConfig toConfig() {
    return new ServerConfig(host, port, data, apiKey, (long) maxBodyMb << 20);
  }
}
