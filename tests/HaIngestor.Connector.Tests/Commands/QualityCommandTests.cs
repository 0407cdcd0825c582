using HaIngestor.Connector.Commands;
using HaIngestor.Core.Quality;
using HaIngestor.Core.Serialization;
using HaIngestor.TestUtilities;

namespace HaIngestor.Connector.Tests.Commands;

public sealed class QualityCommandTests
{
    [Fact]
    public async Task RunAsync_QualityPointsInInfluxDb_PrintsLatestSilentAndStuckAndExits1()
    {
        await using var database = await InfluxDbTestDatabase.CreateAsync("quality_cmd");
        var now = DateTimeOffset.UtcNow;
        var lines = Points(
            Report("sensor.kitchen_temp", QualityStatus.Silent, QualityStatus.Ok, now.AddHours(-3)),
            Report("sensor.kitchen_temp", QualityStatus.Ok, QualityStatus.Silent, now.AddHours(-2)),
            Report("sensor.garage_temp", QualityStatus.Silent, QualityStatus.Ok, now.AddHours(-1)),
            Report("light.porch", QualityStatus.StuckUnavailable, QualityStatus.Ok, now.AddMinutes(-30)),
            Report("sensor.outdoor", QualityStatus.OutOfRange, QualityStatus.Ok, now.AddMinutes(-20)));
        Assert.Equal(204, (int)(await database.WriteAsync(lines)).StatusCode);

        var (code, output, _) = await RunAsync(Settings(database), all: false);
        Assert.Equal(1, code);
        Assert.Contains("1 silent, 1 stuck unavailable, 1 out of range, of 4 entities", output, StringComparison.Ordinal);
        Assert.Contains("sensor.garage_temp", output, StringComparison.Ordinal);
        Assert.Contains("light.porch", output, StringComparison.Ordinal);
        Assert.DoesNotContain("sensor.kitchen_temp", output, StringComparison.Ordinal);
        Assert.DoesNotContain("sensor.outdoor", output, StringComparison.Ordinal);

        (code, output, _) = await RunAsync(Settings(database), all: true);
        Assert.Equal(1, code);
        Assert.Contains("sensor.kitchen_temp", output, StringComparison.Ordinal);
        Assert.Contains("out_of_range", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QualityPoints_InRealInfluxDb_OneTypePerFieldAndNoKeyBothTagAndField()
    {
        await using var database = await InfluxDbTestDatabase.CreateAsync("quality_schema");
        var now = DateTimeOffset.UtcNow;
        var learning = Report("sensor.new", QualityStatus.StuckUnavailable, QualityStatus.Ok, now) with { TypicalInterval = null, LastValue = null };
        Assert.Equal(204, (int)(await database.WriteAsync(Points(Report("sensor.a", QualityStatus.Silent, QualityStatus.Ok, now.AddMinutes(-1)), learning))).StatusCode);

        var fields = (await database.QueryAsync("SHOW FIELD KEYS FROM \"home_assistant_quality\"")).Single().Values
            .ToDictionary(row => row[0]!.ToString()!, row => row[1]!.ToString()!);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["last_seen_age_seconds"] = "float", ["last_value"] = "float", ["out_of_range"] = "boolean", ["previous_status"] = "string",
                ["silent"] = "boolean", ["silent_after_seconds"] = "float", ["status"] = "string", ["stuck_unavailable"] = "boolean",
                ["typical_interval_seconds"] = "float", ["unavailable_ratio"] = "float",
            },
            fields);
        var tags = (await database.QueryAsync("SHOW TAG KEYS FROM \"home_assistant_quality\"")).Single().Values.Select(row => row[0]!.ToString()).ToArray();
        Assert.Equal(["domain", "entity_id", "home"], tags);
    }

    [Fact]
    public async Task RunAsync_NoProblems_Exits0()
    {
        await using var database = await InfluxDbTestDatabase.CreateAsync("quality_ok");
        Assert.Equal(204, (int)(await database.WriteAsync(Points(Report("sensor.a", QualityStatus.Ok, QualityStatus.Silent, DateTimeOffset.UtcNow.AddHours(-1))))).StatusCode);
        var (code, output, _) = await RunAsync(Settings(database), all: false);
        Assert.Equal(0, code);
        Assert.Contains("0 silent, 0 stuck unavailable", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_InfluxDbUnreachable_Exits3()
    {
        var settings = new Dictionary<string, string?>
        {
            ["InfluxDb:ApiVersion"] = "V1",
            ["InfluxDb:Url"] = $"http://127.0.0.1:{FreePort.Get()}",
            ["InfluxDb:Database"] = "d",
        };
        var (code, _, error) = await RunAsync(settings, all: false);
        Assert.Equal(3, code);
        Assert.Contains("could not be reached", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_BadSetting_Exits2NamingIt()
    {
        var settings = new Dictionary<string, string?> { ["InfluxDb:ApiVersion"] = "V1", ["InfluxDb:Url"] = "http://127.0.0.1:1", ["InfluxDb:Database"] = "d", ["Quality:Measurement"] = "" };
        var (code, _, error) = await RunAsync(settings, all: false);
        Assert.Equal(2, code);
        Assert.Contains("Measurement", error, StringComparison.Ordinal);
    }

    private static Dictionary<string, string?> Settings(InfluxDbTestDatabase database) => new()
    {
        ["InfluxDb:ApiVersion"] = "V1",
        ["InfluxDb:Url"] = database.BaseUrl.ToString(),
        ["InfluxDb:Database"] = database.Name,
    };

    private static async Task<(int Code, string Output, string Error)> RunAsync(Dictionary<string, string?> settings, bool all)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await QualityCommand.RunAsync(7, all, settings, output, error, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }

    private static EntityQualityReport Report(string entityId, QualityStatus status, QualityStatus previous, DateTimeOffset at) =>
        new("Demo", entityId, entityId[..entityId.IndexOf('.', StringComparison.Ordinal)], status, previous, at, at.AddMinutes(-15), TimeSpan.FromMinutes(15),
            TimeSpan.FromMinutes(15), TimeSpan.FromSeconds(32), 0.1, 21.5, status == QualityStatus.Silent, status == QualityStatus.StuckUnavailable, status == QualityStatus.OutOfRange);

    private static string Points(params EntityQualityReport[] reports)
    {
        using var writer = new LineProtocolWriter();
        QualityPoints.Write(writer, "home_assistant_quality", reports);
        return System.Text.Encoding.UTF8.GetString(writer.WrittenSpan);
    }
}
