using System.Net;
using System.Text.RegularExpressions;
using HaIngestor.Connector.Demo;
using HaIngestor.Connector.Tests.Support;
using HaIngestor.TestUtilities;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace HaIngestor.Connector.Tests.Status;

/// <summary>
/// The status page as a person sees it: rendered by headless Chromium during a demo run, directly and through an
/// ingress-like proxy that serves it under a path prefix and sets <c>X-Ingress-Path</c>, as Home Assistant does.
/// </summary>
public sealed partial class StatusPageBrowserTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly TempFolder _folder = new("hai-status");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task StatusPage_DuringDemo_ShowsConnectionAndEventsDirectlyAndUnderIngress()
    {
        var view = new BrowserCheckView();
        var settings = new DemoSettings(null, Rate: 50, Path.Combine(_folder.Path, "data"), Seed: 3, Interactive: false);

        var result = await DemoRunner.RunAsync(settings, view, CancellationToken.None);

        Assert.True(result.Received > 0);
        Assert.Null(view.Failure);
    }

    [GeneratedRegex("id=\"received\">([0-9,]+)<")]
    private static partial Regex ReceivedTile();

    private static long Received(string dom)
    {
        var match = ReceivedTile().Match(dom);
        Assert.True(match.Success, "no events-received tile in the page:\n" + dom);
        return long.Parse(match.Groups[1].Value.Replace(",", string.Empty, StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Runs the browser checks while the demo runs, then lets it finish.</summary>
    private sealed class BrowserCheckView : IDemoView
    {
        private Uri? _status;

        public Exception? Failure { get; private set; }

        public void Started(Uri simulatorUrl, string outputPath, Uri statusUrl) => _status = statusUrl;

        public async Task RunAsync(Func<DemoSnapshot> snapshot, TimeSpan? duration, TimeSpan tick, CancellationToken cancellationToken)
        {
            try
            {
                await Eventually.AssertAsync(() => Task.FromResult(snapshot().Received > 0 && snapshot().HomeState == "Connected"), Timeout, "demo connected with events");
                await CheckAsync(_status!, string.Empty, Path.Combine(HeadlessChromium.OutputFolder, "status-page.png"));

                await using var ingress = await IngressProxy.StartAsync(_status!, "/api/hassio_ingress/Xy_9-token");
                await CheckAsync(ingress.PageUrl, "/api/hassio_ingress/Xy_9-token", Path.Combine(HeadlessChromium.OutputFolder, "status-page-ingress.png"));
            }
            catch (Exception ex)
            {
                Failure = ex;
                throw;
            }
        }

        public void Finished(DemoSnapshot last, DemoResult result, string outputPath)
        {
        }

        private static async Task CheckAsync(Uri page, string prefix, string screenshot)
        {
            var dom = await HeadlessChromium.DumpDomAsync(page);

            Assert.Contains("<title>HA Ingestor", dom, StringComparison.Ordinal);
            Assert.Contains("<th>demo</th>", dom, StringComparison.Ordinal);
            Assert.Contains(">Connected<", dom, StringComparison.Ordinal);
            Assert.True(Received(dom) > 0, "events received on the page");
            Assert.Contains($"href=\"{prefix}/status.json\"", dom, StringComparison.Ordinal);
            Assert.Contains($"href=\"{prefix}/health\"", dom, StringComparison.Ordinal);
            Assert.DoesNotContain("http://", dom.Replace("http://www.w3.org", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);

            await HeadlessChromium.ScreenshotAsync(page, screenshot);
            Assert.True(new FileInfo(screenshot).Length > 1000, "screenshot has content");
        }
    }

    /// <summary>Serves the connector under a prefix, stripping it and setting X-Ingress-Path, like HA's ingress.</summary>
    private sealed class IngressProxy : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly HttpClient _http = new();

        private IngressProxy(WebApplication app, Uri pageUrl)
        {
            _app = app;
            PageUrl = pageUrl;
        }

        public Uri PageUrl { get; }

        public static async Task<IngressProxy> StartAsync(Uri target, string prefix)
        {
            var port = FreePort.Get();
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
            var app = builder.Build();
            var proxy = new IngressProxy(app, new Uri($"http://127.0.0.1:{port}{prefix}/"));
            app.Map(prefix + "/{**rest}", async context =>
            {
                var rest = context.Request.RouteValues["rest"] as string ?? string.Empty;
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(target, rest + context.Request.QueryString));
                request.Headers.Add("X-Ingress-Path", prefix);
                using var response = await proxy._http.SendAsync(request, context.RequestAborted);
                context.Response.StatusCode = (int)response.StatusCode;
                context.Response.ContentType = response.Content.Headers.ContentType?.ToString();
                await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
            });
            await app.StartAsync();
            return proxy;
        }

        public async ValueTask DisposeAsync()
        {
            _http.Dispose();
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
