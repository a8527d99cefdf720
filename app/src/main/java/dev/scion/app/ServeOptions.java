package dev.scion.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.scion.server.ServerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Options shared by {@code serve} and {@code demo}. Each setting comes from its flag, else from its
 * {@code SCION_*} environment variable, else from {@code scion.yaml}, else from its default; see
 * docs/configuration.md.
 */
final class ServeOptions {
  /** The settings: key in scion.yaml (the flag is --key, the variable SCION_KEY), default. */
  static final Map<String, String> DEFAULTS =
      orderedMap(
          "host", "127.0.0.1",
          "port", "8080",
          "data", "scion-data",
          "admin-key", "",
          "max-body-mb", "64",
          "idle-timeout", Integer.toString(ServerConfig.DEFAULT_IDLE_TIMEOUT),
          "max-document-tokens", Integer.toString(ServerConfig.DEFAULT_MAX_DOCUMENT_TOKENS),
          "db-url", "",
          "db-user", "",
          "db-password", "");

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Settings file (default: scion.yaml when it exists; env SCION_CONFIG).")
  Path config;

  @Option(
      names = "--host",
      description =
          "Address to bind (default 127.0.0.1; env SCION_HOST). Beyond loopback the administrator"
              + " key is required.")
  String host;

  @Option(names = "--port", description = "Port to listen on (default 8080; env SCION_PORT).")
  String port;

  @Option(names = "--data", description = "Data directory (default scion-data; env SCION_DATA).")
  String data;

  @Option(
      names = {"--admin-key", "--api-key"},
      description =
          "Administrator key (env SCION_ADMIN_KEY, or SCION_API_KEY); when set every caller needs"
              + " a key, and tenants and their keys are managed with it.")
  String adminKey;

  @Option(
      names = "--max-body-mb",
      description = "Largest request body in MiB (default 64; env SCION_MAX_BODY_MB).")
  String maxBodyMb;

  @Option(
      names = "--idle-timeout",
      description =
          "Seconds a connection may stay silent before it is closed (default 30; env"
              + " SCION_IDLE_TIMEOUT).")
  String idleTimeout;

  @Option(
      names = "--max-document-tokens",
      description =
          "Most tokens one uploaded knowledge-base document may have (default 200000; env"
              + " SCION_MAX_DOCUMENT_TOKENS).")
  String maxDocumentTokens;

  @Option(
      names = "--db-url",
      description =
          "JDBC URL of the platform database, e.g. jdbc:postgresql://host/scion (default: embedded"
              + " H2 in the data directory; env SCION_DB_URL).")
  String dbUrl;

  @Option(names = "--db-user", description = "Database user (env SCION_DB_USER).")
  String dbUser;

  @Option(names = "--db-password", description = "Database password (env SCION_DB_PASSWORD).")
  String dbPassword;

  ServerConfig toConfig() {
    Settings s = Settings.read(config, System.getenv());
    String key = s.value("admin-key", adminKey);
    if (key.isEmpty()) { // the older name of the variable
      key = nonNull(System.getenv("SCION_API_KEY"));
    }
    return new ServerConfig(
            s.value("host", host),
            s.number("port", port),
            Path.of(s.value("data", data)),
            key,
            (long) s.number("max-body-mb", maxBodyMb) << 20)
        .withDatabase(
            emptyToNull(s.value("db-url", dbUrl)),
            s.value("db-user", dbUser),
            s.value("db-password", dbPassword))
        .withIdleTimeout(s.number("idle-timeout", idleTimeout))
        .withMaxDocumentTokens(s.number("max-document-tokens", maxDocumentTokens));
  }

  private static String nonNull(String s) {
    return s == null ? "" : s;
  }

  private static String emptyToNull(String s) {
    return s.isEmpty() ? null : s;
  }

  private static Map<String, String> orderedMap(String... kv) {
    Map<String, String> m = new java.util.LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return java.util.Collections.unmodifiableMap(m);
  }

  /** The layers below the flags: the environment and the settings file. */
  record Settings(Map<String, String> env, Map<String, String> file, String fileName) {
    static Settings read(Path config, Map<String, String> env) {
      Path file = config;
      if (file == null && env.get("SCION_CONFIG") != null) {
        file = Path.of(env.get("SCION_CONFIG"));
      }
      boolean named = file != null;
      if (file == null) {
        file = Path.of("scion.yaml");
      }
      if (!Files.exists(file)) {
        if (named) {
          throw new ScionCommand.UsageException(
              "settings file " + file + " does not exist; give an existing scion.yaml");
        }
        return new Settings(env, Map.of(), file.toString());
      }
      Map<String, String> values = new java.util.HashMap<>();
      try {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        if (root != null && !root.isNull()) {
          if (!root.isObject()) {
            throw new ScionCommand.UsageException(
                file + " must be a mapping of settings, e.g. 'port: 8080'");
          }
          for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!DEFAULTS.containsKey(e.getKey())) {
              throw new ScionCommand.UsageException(
                  file
                      + ": unknown setting '"
                      + e.getKey()
                      + "'; known settings: "
                      + String.join(", ", DEFAULTS.keySet()));
            }
            if (!e.getValue().isValueNode()) {
              throw new ScionCommand.UsageException(
                  file + ": setting '" + e.getKey() + "' must be a single value");
            }
            values.put(e.getKey(), e.getValue().asText());
          }
        }
      } catch (IOException e) {
        throw new ScionCommand.UsageException(
            "cannot read " + file + ": " + e.getMessage().lines().findFirst().orElse(""));
      }
      return new Settings(env, values, file.toString());
    }

    static String variable(String key) {
      return "SCION_" + key.replace('-', '_').toUpperCase(Locale.ROOT);
    }

    /** The flag's value, else the variable's, else the file's, else the default. */
    String value(String key, String flag) {
      if (flag != null) {
        return flag;
      }
      String v = env.get(variable(key));
      if (v != null) {
        return v;
      }
      return file.getOrDefault(key, DEFAULTS.get(key));
    }

    int number(String key, String flag) {
      String v = value(key, flag);
      try {
        return Integer.parseInt(v.strip());
      } catch (NumberFormatException e) {
        throw new ScionCommand.UsageException(
            key
                + " must be a whole number, got '"
                + v
                + "' (from --"
                + key
                + ", "
                + variable(key)
                + " or "
                + fileName
                + ")");
      }
    }
  }
}
