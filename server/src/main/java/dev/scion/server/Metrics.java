package dev.scion.server;

import dev.scion.server.tenancy.Caller;
import dev.scion.server.tenancy.Platform;
import dev.scion.server.tenancy.Tenancy;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongBiFunction;

/**
 * Prometheus metrics at {@code GET /metrics}: requests by route and status with their latency,
 * requests and tokens by tenant, and what each tenant holds (vectors, knowledge documents, form
 * instances).
 */
public final class Metrics {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Tenancy tenancy;
  private final List<Runnable> refreshers = new ArrayList<>();

  Metrics(Tenancy tenancy) {
    this.tenancy = tenancy;
    holding(
        "scion_vectors_stored",
        "Points stored in a tenant's collections",
        (s, t) -> s.vectorCount(t));
    holding(
        "scion_knowledge_documents",
        "Documents held by a tenant's knowledge bases",
        (s, t) -> s.documentCount(t));
    holding(
        "scion_form_instances",
        "Form requests a tenant has started",
        (s, t) -> s.forms(t).requestCount());
  }

  /** A gauge per tenant, read afresh at each scrape. */
  private void holding(
      String name,
      String description,
      ToLongBiFunction<dev.scion.server.tenancy.TenantSpaces, String> read) {
    MultiGauge gauge = MultiGauge.builder(name).description(description).register(registry);
    refreshers.add(
        () -> {
          List<MultiGauge.Row<?>> rows = new ArrayList<>();
          for (Platform.Tenant t : tenancy.platform().tenants()) {
            long v = read.applyAsLong(tenancy.spaces(), t.id());
            rows.add(MultiGauge.Row.of(Tags.of("tenant", t.id()), v));
          }
          gauge.register(rows, true);
        });
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
    String tenant = Caller.of(ctx).tenant();
    Counter.builder("scion_tenant_requests")
        .description("Requests by tenant and status")
        .tag("tenant", tenant)
        .tag("status", Integer.toString(ctx.statusCode()))
        .register(registry)
        .increment();
    Number tokens = ctx.attribute(Tenancy.TOKENS);
    if (tokens != null) {
      Counter.builder("scion_tenant_tokens")
          .description("Tokens read and written for a tenant (chat, embeddings, answers)")
          .tag("tenant", tenant)
          .register(registry)
          .increment(tokens.doubleValue());
    }
  }

  void register(Javalin app) {
    app.get(
        "/metrics",
        ctx -> {
          refreshers.forEach(Runnable::run);
          ctx.contentType("text/plain; version=0.0.4").result(registry.scrape());
        },
        dev.scion.server.tenancy.Access.ADMIN);
  }
}
