package dev.scion.server.tenancy;

import dev.scion.forms.FormRuntime;
import dev.scion.knowledge.KnowledgeBases;
import dev.scion.models.OnnxEncoder;
import dev.scion.vector.VectorDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Where each tenant's data lives. The default tenant keeps the data folder's own collections and
 * knowledge bases; every other tenant has a folder of its own under {@code tenants/}, opened on
 * first use, so that no name, id or query of one tenant can reach another's data. Forms share one
 * workflow engine, in which every deployment, request and task carries its tenant.
 */
public final class TenantSpaces implements AutoCloseable {
  private final Path data;
  private final VectorDatabase defaultVectors;
  private final KnowledgeBases defaultKnowledge;
  private final FormRuntime forms;
  private final Function<String, OnnxEncoder> encoders;
  private final long maxFileBytes;
  private final Map<String, VectorDatabase> vectors = new ConcurrentHashMap<>();
  private final Map<String, KnowledgeBases> knowledge = new ConcurrentHashMap<>();

  public TenantSpaces(
      Path data,
      VectorDatabase defaultVectors,
      KnowledgeBases defaultKnowledge,
      FormRuntime forms,
      Function<String, OnnxEncoder> encoders,
      long maxFileBytes) {
    this.data = data;
    this.defaultVectors = defaultVectors;
    this.defaultKnowledge = defaultKnowledge;
    this.forms = forms;
    this.encoders = encoders;
    this.maxFileBytes = maxFileBytes;
  }

  /** The process's encoders by name, shared with the knowledge bases. */
  Function<String, OnnxEncoder> encoders() {
    return encoders;
  }

  private Path home(String tenant) {
    return data.resolve("tenants").resolve(tenant);
  }

  public VectorDatabase vectors(String tenant) {
    if (tenant.equals(Platform.DEFAULT_TENANT)) {
      return defaultVectors;
    }
    return vectors.computeIfAbsent(tenant, t -> VectorDatabase.open(home(t)));
  }

  public KnowledgeBases knowledge(String tenant) {
    if (tenant.equals(Platform.DEFAULT_TENANT)) {
      return defaultKnowledge;
    }
    return knowledge.computeIfAbsent(
        tenant, t -> new KnowledgeBases(home(t).resolve("knowledge"), encoders, maxFileBytes));
  }

  public FormRuntime forms(String tenant) {
    return tenant.equals(Platform.DEFAULT_TENANT) ? forms : forms.forTenant(tenant);
  }

  /** Deletes everything a tenant holds: collections, knowledge bases, forms and their requests. */
  void delete(String tenant) {
    if (tenant.equals(Platform.DEFAULT_TENANT)) {
      throw new IllegalArgumentException("the default tenant's data belongs to the server");
    }
    VectorDatabase v = vectors.remove(tenant);
    if (v != null) {
      v.close();
    }
    KnowledgeBases k = knowledge.remove(tenant);
    if (k != null) {
      k.close();
    }
    forms.forTenant(tenant).deleteAll();
    try {
      dev.scion.vector.internal.FileTrees.delete(home(tenant));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(
          "cannot delete " + home(tenant) + ": " + e.getMessage(), e);
    }
  }

  /** The tenants that have a data folder, the default tenant first. */
  public List<String> tenantsOnDisk() {
    List<String> out = new ArrayList<>(List.of(Platform.DEFAULT_TENANT));
    Path dir = data.resolve("tenants");
    if (Files.isDirectory(dir)) {
      try (Stream<Path> tenants = Files.list(dir)) {
        tenants
            .filter(Files::isDirectory)
            .map(t -> t.getFileName().toString())
            .sorted()
            .forEach(out::add);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
      }
    }
    return out;
  }

  /** Points stored in all of a tenant's collections. */
  public long vectorCount(String tenant) {
    VectorDatabase db = vectors(tenant);
    long n = 0;
    for (String name : db.names()) {
      n += db.collection(name).info().pointsCount();
    }
    return n;
  }

  /** Documents held by all of a tenant's knowledge bases. */
  public long documentCount(String tenant) {
    KnowledgeBases kb = knowledge(tenant);
    long n = 0;
    for (String name : kb.names()) {
      n += kb.get(name).sources().size();
    }
    return n;
  }

  /** Closes what was opened for tenants; the default tenant's stores belong to the server. */
  @Override
  public void close() {
    vectors.values().forEach(VectorDatabase::close);
    knowledge.values().forEach(KnowledgeBases::close);
  }
}
