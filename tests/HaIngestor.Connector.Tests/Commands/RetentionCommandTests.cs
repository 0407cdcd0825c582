using HaIngestor.Connector.Commands;
using HaIngestor.TestUtilities;

namespace HaIngestor.Connector.Tests.Commands;

public sealed class RetentionCommandTests
{
    [Fact]
    public async Task Invoke_RealInfluxDb_AppliesSchemeThenReportsItInPlace()
    {
        await using var database = await InfluxDbTestDatabase.CreateAsync("retention_cmd");
        string[] args = ["retention", "--url", database.BaseUrl.ToString(), "--database", database.Name, "--backfill-days", "3"];

        var first = await ConnectorCommandLine.Create().Parse(args).InvokeAsync();
        var second = await ConnectorCommandLine.Create().Parse(args).InvokeAsync();

        Assert.Equal(ExitCodes.Ok, first);
        Assert.Equal(ExitCodes.Ok, second);
        var policies = await database.QueryAsync($"SHOW RETENTION POLICIES ON \"{database.Name}\"");
        var names = policies.SelectMany(s => s.Rows()).Select(r => r["name"].GetString()).ToList();
        Assert.Contains("raw_1y", names);
        Assert.Contains("daily_5y", names);
    }

    [Fact]
    public async Task Invoke_RelativeUrl_ExitsWithBadConfiguration()
    {
        var exit = await ConnectorCommandLine.Create().Parse(["retention", "--url", "localhost:8086"]).InvokeAsync();

        Assert.Equal(ExitCodes.BadConfiguration, exit);
    }
}
