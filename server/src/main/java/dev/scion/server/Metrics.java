package dev.scion.server;

import dev.scion.knowledge.KnowledgeBases;
import dev.scion.vector.VectorDatabase;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;

/**
 * Prometheus metrics at {@code GET /metrics}: requests by route and status with their latency, and
 * what the server holds (vectors, knowledge documents).
 */
public final class Metrics {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  Metrics(VectorDatabase database, KnowledgeBases knowledge) {
    Gauge.builder("scion_vectors_stored", database, Metrics::vectors)
        .description("Points stored in every collection")
        .register(registry);
    Gauge.builder("scion_knowledge_documents", knowledge, Metrics::documents)
        .description("Documents held by the knowledge bases")
        .register(registry);
  }

  private static double vectors(VectorDatabase db) {
    long n = 0;
    for (String name : db.names()) {
      n += db.collection(name).info().pointsCount();
    }
    return n;
  }

  private static double documents(KnowledgeBases kb) {
    long n = 0;
    for (String name : kb.names()) {
      n += kb.get(name).sources().size();
    }
    return n;
  }

  /** Counts one request: its route (not its path, so ids do not multiply the series) and status. */
  void record(Context ctx, float millis) {
    String route;
    try {
      route = ctx.endpointHandlerPath();
    } catch (RuntimeException noEndpoint) { // refused before routing (401), or no route (404)
      route = "unmatched";
    }
    Timer.builder("scion_http_requests")
        .description("HTTP requests by method, route and status")
        .tag("method", ctx.method().name())
        .tag("route", route == null || route.isEmpty() ? "unmatched" : route)
        .tag("status", Integer.toString(ctx.statusCode()))
        .publishPercentileHistogram()
        .register(registry)
        .record(Duration.ofNanos((long) (millis * 1_000_000)));
  }

  void register(Javalin app) {
    app.get(
        "/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4").result(registry.scrape()));
  }
}
