package dev.scion.dialog.sgd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scion.dialog.DialogException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The services of an SGD schema file: their slots, which are categorical, and their values. */
record Schema(Map<String, Service> services) {
  record Slot(String name, String description, boolean categorical, List<String> values) {}

  /** A service, and the slots its intents take (the others are results it reports). */
  record Service(String name, Map<String, Slot> slots, Set<String> stateSlots) {}

  static Schema read(Path file) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new DialogException("cannot read the schema " + file + ": " + e.getMessage(), e);
    }
    Map<String, Service> services = new LinkedHashMap<>();
    for (JsonNode s : root) {
      Map<String, Slot> slots = new LinkedHashMap<>();
      for (JsonNode x : s.path("slots")) {
        List<String> values = new ArrayList<>();
        x.path("possible_values").forEach(v -> values.add(v.asText()));
        slots.put(
            x.path("name").asText(),
            new Slot(
                x.path("name").asText(),
                x.path("description").asText(),
                x.path("is_categorical").asBoolean(),
                values));
      }
      Set<String> state = new LinkedHashSet<>();
      for (JsonNode i : s.path("intents")) {
        i.path("required_slots").forEach(r -> state.add(r.asText()));
        i.path("optional_slots").fieldNames().forEachRemaining(state::add);
      }
      services.put(
          s.path("service_name").asText(),
          new Service(s.path("service_name").asText(), slots, state));
    }
    return new Schema(services);
  }
}
