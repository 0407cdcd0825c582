using System.Text.Json;
using HaIngestor.Connector.Status;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace HaIngestor.Connector.Tests.Status;

public sealed class StatusPageTests
{
    private const string Snapshot = """
        {"generated_at":"2026-12-06T10:00:00+00:00","uptime_seconds":5,
         "health":{"status":"degraded","reasons":["home b: Reconnecting"],"version":"1.2.3",
           "homes":[{"home":"a","state":"Connected","connected_since":null,"last_event_at":null,"last_event_age_seconds":3.2,"events_received":12,"reconnects":1,"restart_duplicates":7,"ha_version":"2026.11.0","last_error":null}],
           "transport":{"name":"direct","state":"ok","last_success":null,"last_failure":null,"last_error":null},
           "buffer":{"depth":2,"capacity":10,"spilling":false},"journal":{"depth":0,"bytes":0,"max_bytes":1}},
         "events":{"received":12,"published":10,"per_second":1.5,"lines_written":10,"buffered":2,"average_lag_ms":null,"by_domain":[{"domain":"sensor","count":12}]},
         "problems":{"rejected":1,"dead_lettered":1,"dropped":0,"oversize":0,"warnings_logged":1,
           "latest_reasons":[{"at":"2026-12-06T09:59:00+00:00","level":"DeadLetter","message":"invalid_entity_id: <script>x</script>"}],
           "warnings":[{"at":"2026-12-06T09:58:00+00:00","level":"Warning","message":"HomeAssistantClient: reconnecting"}]},
         "sections":[{"id":"data_quality","title":"Data quality","rows":[{"label":"sensor.a stale","value":"3 h","level":"warn"}]}]}
        """;

    [Fact]
    public void Render_Snapshot_ShowsEveryPartEscapedWithPrefixedLinks()
    {
        using var snapshot = JsonDocument.Parse(Snapshot);

        var html = StatusPage.Render(snapshot.RootElement, "/api/hassio_ingress/abc");

        Assert.Contains(">degraded<", html, StringComparison.Ordinal);
        Assert.Contains("home b: Reconnecting", html, StringComparison.Ordinal);
        Assert.Contains("2026.11.0", html, StringComparison.Ordinal);
        Assert.Contains("<td>restart re-announcements skipped</td><td class=\"num\">7</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>sensor</td>", html, StringComparison.Ordinal);
        Assert.Contains("HomeAssistantClient: reconnecting", html, StringComparison.Ordinal);
        Assert.Contains("invalid_entity_id: &lt;script&gt;x&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>x", html, StringComparison.Ordinal);
        Assert.Contains("id=\"section-data_quality\">Data quality</h2>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/api/hassio_ingress/abc/status.json\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("src=\"http", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"http", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/hassio_ingress/Ab-9_x", "/api/hassio_ingress/Ab-9_x")]
    [InlineData("/api/hassio_ingress/Ab/", "/api/hassio_ingress/Ab")]
    [InlineData("", "")]
    [InlineData("\"><script>", "")]
    [InlineData("https://evil.example/", "")]
    public void IngressPrefix_Header_IsAPlainPathOrNothing(string header, string expected)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers[StatusEndpoints.IngressPathHeader] = header;

        Assert.Equal(expected, StatusEndpoints.IngressPrefix(context.Request));
    }
}
