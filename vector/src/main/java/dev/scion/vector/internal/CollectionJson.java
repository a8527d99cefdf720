package dev.scion.vector.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scion.vector.CollectionConfig;
import dev.scion.vector.Distance;
import dev.scion.vector.HnswParams;
import dev.scion.vector.PayloadSchema;
import dev.scion.vector.StorageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;

/** The description of a collection kept in {@code collection.json} and in segment headers. */
public record CollectionJson(CollectionConfig config, Map<String, PayloadSchema> schema) {

  public String toJson() {
    ObjectNode root = Codec.JSON.createObjectNode();
    root.put("dimension", config.dimension());
    root.put("distance", config.distance().apiName());
    ObjectNode hnsw = root.putObject("hnsw");
    hnsw.put("m", config.hnsw().m());
    hnsw.put("ef_construct", config.hnsw().efConstruction());
    hnsw.put("full_scan_threshold", config.hnsw().fullScanThresholdKb());
    ObjectNode payload = root.putObject("payload_schema");
    new TreeMap<>(schema).forEach((k, v) -> payload.put(k, v.apiName()));
    return root.toString();
  }

  public static CollectionJson parse(String json) {
    try {
      JsonNode root = Codec.JSON.readTree(json);
      JsonNode hnsw = root.get("hnsw");
      CollectionConfig config =
          new CollectionConfig(
              root.get("dimension").intValue(),
              Distance.parse(root.get("distance").textValue()),
              new HnswParams(
                  hnsw.get("m").intValue(),
                  hnsw.get("ef_construct").intValue(),
                  hnsw.get("full_scan_threshold").intValue()));
      Map<String, PayloadSchema> schema = new TreeMap<>();
      root.get("payload_schema")
          .properties()
          .forEach(e -> schema.put(e.getKey(), PayloadSchema.parse(e.getValue().textValue())));
      return new CollectionJson(config, schema);
    } catch (IOException | RuntimeException e) {
      String why =
          e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
      throw new StorageException("bad collection description: " + why, e);
    }
  }

  public static CollectionJson read(Path file) {
    String json;
    try {
      json = Files.readString(file);
    } catch (IOException e) {
      throw new StorageException("cannot read " + file + ": " + e.getMessage(), e);
    }
    try {
      return parse(json);
    } catch (StorageException e) {
      throw new StorageException(file + " is damaged: " + e.getMessage(), e);
    }
  }

  /** Writes atomically: temporary file, fsync, rename. */
  public void write(Path file) {
    try {
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(tmp, toJson(), StandardCharsets.UTF_8);
      try (var ch =
          java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
        ch.force(true);
      }
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      SegmentFile.syncDirectory(file.getParent());
    } catch (IOException e) {
      throw new StorageException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
