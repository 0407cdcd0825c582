using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using HaIngestor.Connector.Demo;
using HaIngestor.Connector.Tests.Support;
using HaIngestor.Core.Quality;
using HaIngestor.TestUtilities;

namespace HaIngestor.Connector.Tests.Status;

/// <summary>
/// Data quality as a person sees it: a demo whose simulated home silences two sensors and leaves one unavailable;
/// <c>/health</c> turns degraded (never unhealthy) listing them, and the status page rendered by headless Chromium
/// lists them in its data-quality section.
/// </summary>
public sealed partial class StatusPageQualityBrowserTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);
    private readonly TempFolder _folder = new("hai-status-quality");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task StatusPage_DemoSilencesSensors_HealthDegradedWithTheListAndPageShowsThem()
    {
        var view = new QualityCheckView();
        var settings = new DemoSettings(null, Rate: 50, Path.Combine(_folder.Path, "data"), Seed: 5, Interactive: false, Silence: 2, Unavailable: 1)
        {
            // Long enough for the tracker to learn the sensors' rhythm (a change every second or two), or they never count as silent.
            SilenceAfter = TimeSpan.FromSeconds(10),
        };

        var result = await DemoRunner.RunAsync(settings, view, CancellationToken.None);

        Assert.Null(view.Failure);
        // The demo's own summary, evaluated once more after the stop, agrees with what /health listed for the sensors the
        // simulator degraded for good; any other entity that looked silent for a moment (a slow reporter on a loaded
        // machine) may have reported again since, and then rightly is no longer listed.
        Assert.All(view.Listed.Where(e => IsClimateSensor(e.EntityId)), e => Assert.Contains(result.QualityProblems, p => p.EntityId == e.EntityId && QualityStatusNames.Name(p.Status) == e.Status));
    }

    [GeneratedRegex("<tr><td>(Silent|Stuck unavailable)</td><td class=\"num (ok|warn)\">([0-9]+)</td></tr>")]
    private static partial Regex CountRow();

    private sealed class QualityCheckView : IDemoView
    {
        private readonly HttpClient _http = new();
        private Uri? _status;

        public Exception? Failure { get; private set; }

        public List<(string EntityId, string Status)> Listed { get; } = [];

        public void Started(Uri simulatorUrl, string outputPath, Uri statusUrl) => _status = statusUrl;

        public async Task RunAsync(Func<DemoSnapshot> snapshot, TimeSpan? duration, TimeSpan tick, CancellationToken cancellationToken)
        {
            try
            {
                await CheckAsync();
            }
            catch (Exception ex)
            {
                Failure = ex;
                throw;
            }
            finally
            {
                _http.Dispose();
            }
        }

        public void Finished(DemoSnapshot last, DemoResult result, string outputPath)
        {
        }

        private async Task CheckAsync()
        {
            var healthUrl = new Uri(_status!, "health");
            JsonElement health = default;
            var code = HttpStatusCode.OK;
            await Eventually.AssertAsync(
                async () =>
                {
                    using var response = await _http.GetAsync(healthUrl);
                    code = response.StatusCode;
                    health = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
                    var quality = health.GetProperty("quality");
                    return quality.GetProperty("silent").GetInt32() >= 2 && quality.GetProperty("stuck_unavailable").GetInt32() >= 1;
                },
                Timeout,
                "two silent and one stuck-unavailable sensor in /health");

            // Degraded, not unhealthy: the connector does its job (200, so the add-on's watchdog leaves it alone).
            Assert.Equal(HttpStatusCode.OK, code);
            Assert.Equal("degraded", health.GetProperty("status").GetString());
            Assert.Contains(health.GetProperty("reasons").EnumerateArray(), r => r.GetString()!.StartsWith("data quality: ", StringComparison.Ordinal));
            Assert.Equal("Connected", health.GetProperty("homes")[0].GetProperty("state").GetString());
            foreach (var problem in health.GetProperty("quality").GetProperty("problems").EnumerateArray())
            {
                var status = problem.GetProperty("status").GetString()!;
                if (status is "silent" or "stuck_unavailable")
                {
                    Assert.Equal("demo", problem.GetProperty("home").GetString());
                    Listed.Add((problem.GetProperty("entity_id").GetString()!, status));
                }
            }

            // The simulator degrades climate sensors only; whatever else may look silent, these must be there.
            Assert.True(Listed.Count(p => p.Status == "silent" && IsClimateSensor(p.EntityId)) >= 2, "two silenced climate sensors listed: " + string.Join(", ", Listed));
            var stuck = Assert.Single(Listed, p => p.Status == "stuck_unavailable");
            Assert.True(IsClimateSensor(stuck.EntityId), stuck.EntityId);

            var dom = await HeadlessChromium.DumpDomAsync(_status!);
            Assert.Contains("id=\"section-quality\">Data quality</h2>", dom, StringComparison.Ordinal);
            var counts = CountRow().Matches(dom).ToDictionary(m => m.Groups[1].Value, m => (Level: m.Groups[2].Value, Count: int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture)));
            Assert.True(counts.TryGetValue("Silent", out var silent) && silent.Count >= 2 && silent.Level == "warn", "silent count row:\n" + dom);
            Assert.True(counts.TryGetValue("Stuck unavailable", out var stuckRow) && stuckRow.Count >= 1 && stuckRow.Level == "warn", "stuck count row:\n" + dom);
            foreach (var (entityId, status) in Listed)
            {
                Assert.Matches($"<tr><td>demo: {Regex.Escape(entityId)}</td><td class=\"num warn\">{status}, last change [0-9.]+ min ago</td></tr>", dom);
            }

            var screenshot = Path.Combine(HeadlessChromium.OutputFolder, "status-page-quality.png");
            // Tall enough to show the data-quality section, below the fold on a phone.
            await HeadlessChromium.ScreenshotAsync(_status!, screenshot, windowHeight: 1900);
            Assert.True(new FileInfo(screenshot).Length > 1000, "screenshot has content");
        }

    }

    private static bool IsClimateSensor(string entityId) =>
        entityId.StartsWith("sensor.", StringComparison.Ordinal)
        && (entityId.EndsWith("_temperature", StringComparison.Ordinal) || entityId.EndsWith("_humidity", StringComparison.Ordinal));
}
