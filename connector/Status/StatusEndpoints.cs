using System.Buffers;
using System.Text.Json;
using HaIngestor.Connector.Status;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the status page (<c>/</c>) and its snapshot (<c>/status.json</c>).</summary>
public static class StatusEndpoints
{
    /// <summary>The header Home Assistant's ingress sets to the path the add-on's UI is served under.</summary>
    public const string IngressPathHeader = "X-Ingress-Path";

    /// <summary>Maps <c>GET /</c> (HTML) and <c>GET /status.json</c>.</summary>
    public static IEndpointRouteBuilder MapStatusPage(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet("/status.json", async context =>
        {
            var snapshot = Snapshot(context);
            context.Response.ContentType = "application/json";
            context.Response.Headers.CacheControl = "no-store";
            await context.Response.Body.WriteAsync(snapshot, context.RequestAborted).ConfigureAwait(false);
        });
        endpoints.MapGet("/", async context =>
        {
            using var snapshot = JsonDocument.Parse(Snapshot(context));
            var html = StatusPage.Render(snapshot.RootElement, IngressPrefix(context.Request));
            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.Headers.CacheControl = "no-store";
            context.Response.Headers["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; connect-src 'self'";
            await context.Response.WriteAsync(html, context.RequestAborted).ConfigureAwait(false);
        });
        return endpoints;
    }

    /// <summary>The ingress prefix without a trailing slash, or "" when absent or not a plain path.</summary>
    internal static string IngressPrefix(HttpRequest request)
    {
        var value = request.Headers[IngressPathHeader].ToString().TrimEnd('/');
        return value.Length > 0 && value[0] == '/' && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '_' or '-' or '.') ? value : string.Empty;
    }

    private static ReadOnlyMemory<byte> Snapshot(HttpContext context)
    {
        var reporter = context.RequestServices.GetRequiredService<StatusReporter>();
        var buffer = new ArrayBufferWriter<byte>(8192);
        using (var json = new Utf8JsonWriter(buffer))
        {
            reporter.Write(json);
        }

        return buffer.WrittenMemory;
    }
}
