using System.IO.Compression;
using System.Net;
using System.Text;
using HaIngestor.Adapters.Health;
using HaIngestor.TestUtilities;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HaIngestor.Adapters.Tests.Health;

public sealed class AvailabilityReporterTests
{
    [Fact]
    public async Task Report_ConnectionStringSet_SendsOneAvailabilityResultPerPartToTheIngestionEndpoint()
    {
        var port = FreePort.Get();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var received = ReceiveAsync(listener);
        using var sut = CreateSut($"InstrumentationKey=00000000-0000-0000-0000-000000000001;IngestionEndpoint=http://127.0.0.1:{port}/");
        var report = new HealthReport(
            new Dictionary<string, HealthReportEntry>
            {
                ["influxdb"] = new(HealthStatus.Healthy, "ping 204", TimeSpan.FromMilliseconds(12), null, null),
                ["connector"] = new(HealthStatus.Unhealthy, "last heartbeat 9 min ago", TimeSpan.FromMilliseconds(3), null, null),
            },
            TimeSpan.FromMilliseconds(15));

        sut.Report(report);

        var body = await received.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(sut.IsEnabled);
        Assert.Contains("\"name\":\"ha-ingestor influxdb\"", body, StringComparison.Ordinal);
        Assert.Contains("\"name\":\"ha-ingestor connector\"", body, StringComparison.Ordinal);
        Assert.Contains("\"success\":true", body, StringComparison.Ordinal);
        Assert.Contains("\"success\":false", body, StringComparison.Ordinal);
        Assert.Contains("last heartbeat 9 min ago", body, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_NoConnectionString_DisabledAndSilent()
    {
        using var sut = CreateSut(null);

        sut.Report(new HealthReport(new Dictionary<string, HealthReportEntry>(), TimeSpan.Zero));

        Assert.False(sut.IsEnabled);
    }

    private static AvailabilityReporter CreateSut(string? connectionString) =>
        new(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [AvailabilityReporter.ConnectionStringSetting] = connectionString,
        }).Build(), TimeProvider.System);

    private static async Task<string> ReceiveAsync(HttpListener listener)
    {
        var context = await listener.GetContextAsync();
        Stream input = context.Request.InputStream;
        if (string.Equals(context.Request.Headers["Content-Encoding"], "gzip", StringComparison.OrdinalIgnoreCase))
        {
            input = new GZipStream(input, CompressionMode.Decompress);
        }

        using var reader = new StreamReader(input, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        context.Response.StatusCode = 200;
        var answer = Encoding.UTF8.GetBytes("{\"itemsReceived\":2,\"itemsAccepted\":2,\"errors\":[]}");
        await context.Response.OutputStream.WriteAsync(answer);
        context.Response.Close();
        return body;
    }
}
