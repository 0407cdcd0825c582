using System.Net;
using HaIngestor.Connector.Demo;
using HaIngestor.Connector.Tests.Support;
using HaIngestor.TestUtilities;

namespace HaIngestor.Connector.Tests.Dashboards;

/// <summary>
/// Two demo runs at once, one per schema, each with a silenced and an unavailable sensor, imported into their own
/// database on the real InfluxDB 1.x, with today's daily summaries computed as the continuous query does.
/// </summary>
public sealed class DemoInfluxDbFixture : IAsyncLifetime
{
    private readonly TempFolder _folder = new("hai-dashboards");

    public InfluxDbTestDatabase Default { get; private set; } = null!;

    public InfluxDbTestDatabase HomeAssistant { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var runs = await Task.WhenAll(RunAsync("default"), RunAsync("homeassistant"));
        Default = runs[0];
        HomeAssistant = runs[1];
    }

    public async Task DisposeAsync()
    {
        if (Default is not null)
        {
            await Default.DisposeAsync();
        }

        if (HomeAssistant is not null)
        {
            await HomeAssistant.DisposeAsync();
        }

        _folder.Dispose();
    }

    private async Task<InfluxDbTestDatabase> RunAsync(string schema)
    {
        var settings = new DemoSettings(TimeSpan.FromSeconds(28), Rate: 50, Path.Combine(_folder.Path, schema), Seed: 11, Interactive: false, Silence: 1, Unavailable: 1)
        {
            SilenceAfter = TimeSpan.FromSeconds(8),
            Schema = schema,
        };
        var output = new StringWriter();
        var result = await DemoRunner.RunAsync(settings, new PlainDemoView(output), CancellationToken.None);
        Assert.True(result.Quality.Problems >= 2, $"the {schema} demo found {result.Quality.Problems} silent or stuck entities:\n{output}");

        var database = await InfluxDbTestDatabase.CreateAsync("dash_" + schema);
        foreach (var file in result.Files)
        {
            var response = await database.WriteAsync(await File.ReadAllBytesAsync(file), result.Precision);
            Assert.True(response.StatusCode == HttpStatusCode.NoContent, response.Body);
        }

        // The retention setup's summary policy and its continuous query's statement, run once for today.
        await database.QueryAsync($"CREATE RETENTION POLICY \"daily_5y\" ON \"{database.Name}\" DURATION 43800h REPLICATION 1");
        await database.QueryAsync(
            "SELECT mean(\"value\") AS \"value_mean\", min(\"value\") AS \"value_min\", max(\"value\") AS \"value_max\", count(\"value\") AS \"value_count\" " +
            $"INTO \"{database.Name}\".\"daily_5y\".:MEASUREMENT FROM \"{database.Name}\".\"autogen\"./.*/ WHERE time > now() - 2d GROUP BY time(1d), * fill(none)");
        return database;
    }
}
