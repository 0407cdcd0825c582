using System.Text.Json;
using HaIngestor.Connector.Service;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps <c>/health</c>, <c>/metrics</c> and the status page.</summary>
public static class ConnectorEndpoints
{
    /// <summary>Maps <c>GET /health</c> (JSON; 503 when unhealthy) and <c>GET /metrics</c> (Prometheus text).</summary>
    public static IEndpointRouteBuilder MapConnectorEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet("/health", async context =>
        {
            var reporter = context.RequestServices.GetRequiredService<HealthReporter>();
            using var buffer = new MemoryStream();
            HealthStatus status;
            await using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
            {
                status = reporter.Write(json);
            }

            context.Response.StatusCode = status == HealthStatus.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
            context.Response.ContentType = "application/json";
            context.Response.Headers.CacheControl = "no-store";
            await context.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), context.RequestAborted).ConfigureAwait(false);
        });
        endpoints.MapGet("/metrics", async context =>
        {
            var text = context.RequestServices.GetRequiredService<PrometheusExposition>().Write();
            context.Response.ContentType = PrometheusExposition.ContentType;
            await context.Response.WriteAsync(text, context.RequestAborted).ConfigureAwait(false);
        });
        endpoints.MapStatusPage();
        return endpoints;
    }
}
