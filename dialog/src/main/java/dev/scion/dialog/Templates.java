package dev.scion.dialog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Answer templates per language: {@code key: "text with {placeholders}"}. */
final class Templates {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_][a-z0-9_]*)\\}");

  private final Map<String, Map<String, String>> byLanguage = new HashMap<>();

  Templates(Path dir, Iterable<String> languages) {
    for (String lang : languages) {
      Path f = dir.resolve(lang + ".yaml");
      if (!Files.exists(f)) {
        throw new DialogException(
            "the pack has no templates for language " + lang + " (" + f + ")");
      }
      Map<String, String> t = new HashMap<>();
      try {
        JsonNode root = YAML.readTree(f.toFile());
        root.fields().forEachRemaining(e -> t.put(e.getKey(), e.getValue().asText()));
      } catch (IOException e) {
        throw new DialogException(f + ": not valid YAML: " + e.getMessage());
      }
      byLanguage.put(lang, t);
    }
  }

  boolean has(String lang, String key) {
    return byLanguage.getOrDefault(lang, Map.of()).containsKey(key);
  }

  /** The template {@code key} in {@code lang} (English when missing), placeholders filled. */
  String render(String lang, String key, Map<String, ?> values) {
    String t = byLanguage.getOrDefault(lang, Map.of()).get(key);
    if (t == null) {
      t = byLanguage.getOrDefault("en", Map.of()).get(key);
    }
    if (t == null) {
      throw new DialogException("no template '" + key + "' in the pack");
    }
    Matcher m = PLACEHOLDER.matcher(t);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      Object v = values.get(m.group(1));
      m.appendReplacement(out, Matcher.quoteReplacement(v == null ? "" : String.valueOf(v)));
    }
    m.appendTail(out);
    return out.toString();
  }
}
