using System.Text.Json;

namespace HaIngestor.Simulator.Tests;

/// <summary>
/// The recorder's read commands as Home Assistant answers them (history/websocket_api.py
/// <c>ws_get_history_during_period</c>, recorder/websocket_api.py <c>ws_get_statistics_during_period</c> and
/// recorder/statistics.py <c>_extract_metadata_and_discard_impossible_columns</c>).
/// </summary>
public sealed class HaSimulatorHistoryTests
{
    private static readonly DateTimeOffset End = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task HistoryDuringPeriod_NoEntityIds_InvalidFormat()
    {
        await using var sim = await StartAsync();
        await using var client = await HaTestClient.ConnectAuthenticatedAsync(sim);

        var id = await client.SendCommandAsync("""{"type":"history/history_during_period","start_time":"2026-05-31T00:00:00Z"}""");

        var error = AssertError(await client.ReceiveResultAsync(id), "invalid_format");
        Assert.Contains("entity_ids", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Sensor.Kitchen")]
    [InlineData("sensor._kitchen")]
    [InlineData("no_dot")]
    public async Task HistoryDuringPeriod_MalformedEntityId_InvalidEntityIds(string entityId)
    {
        await using var sim = await StartAsync();
        await using var client = await HaTestClient.ConnectAuthenticatedAsync(sim);

        var id = await client.SendCommandAsync($$"""{"type":"history/history_during_period","start_time":"2026-05-31T00:00:00Z","entity_ids":["{{entityId}}"]}""");

        Assert.Equal("Invalid entity_ids", AssertError(await client.ReceiveResultAsync(id), "invalid_entity_ids"));
    }

    [Fact]
    public async Task HistoryDuringPeriod_WellFormedUnknownEntity_NoKeyForIt()
    {
        await using var sim = await StartAsync();
        await using var client = await HaTestClient.ConnectAuthenticatedAsync(sim);
        var known = sim.EntityIds[0];

        var id = await client.SendCommandAsync($$"""{"type":"history/history_during_period","start_time":"2026-05-31T00:00:00Z","entity_ids":["sensor.not_here","{{known}}"],"include_start_time_state":false}""");

        var result = (await client.ReceiveResultAsync(id)).GetProperty("result");
        Assert.False(result.TryGetProperty("sensor.not_here", out _));
        Assert.True(result.GetProperty(known).GetArrayLength() > 0);
    }

    [Fact]
    public async Task StatisticsDuringPeriod_MeasurementAndMeter_EveryRequestedColumnInEveryRowNullWhereAbsent()
    {
        await using var sim = await StartAsync();
        await using var client = await HaTestClient.ConnectAuthenticatedAsync(sim);
        var (measurement, meter) = await StatisticIdsAsync(client);

        var id = await client.SendCommandAsync($$"""{"type":"recorder/statistics_during_period","start_time":"2026-05-31T00:00:00Z","statistic_ids":["{{measurement}}","{{meter}}"],"period":"hour","types":["mean","max","sum","change","last_reset"]}""");

        var result = (await client.ReceiveResultAsync(id)).GetProperty("result");
        var measurementRow = result.GetProperty(measurement)[0];
        var meterRow = result.GetProperty(meter)[0];
        foreach (var row in new[] { measurementRow, meterRow })
        {
            Assert.Equal(["start", "end", "last_reset", "mean", "max", "sum", "change"], row.EnumerateObject().Select(p => p.Name));
            Assert.DoesNotContain('.', row.GetProperty("start").GetRawText());
            Assert.Equal(row.GetProperty("start").GetInt64() + 3_600_000, row.GetProperty("end").GetInt64());
            Assert.Equal(JsonValueKind.Null, row.GetProperty("last_reset").ValueKind);
        }

        Assert.Equal((JsonValueKind.Number, JsonValueKind.Null), (measurementRow.GetProperty("mean").ValueKind, measurementRow.GetProperty("sum").ValueKind));
        Assert.Equal((JsonValueKind.Null, JsonValueKind.Number), (meterRow.GetProperty("mean").ValueKind, meterRow.GetProperty("sum").ValueKind));
        Assert.Equal(JsonValueKind.Null, measurementRow.GetProperty("change").ValueKind);
    }

    [Fact]
    public async Task StatisticsDuringPeriod_OnlyMeasurements_ColumnsNoneHasAreLeftOut()
    {
        await using var sim = await StartAsync();
        await using var client = await HaTestClient.ConnectAuthenticatedAsync(sim);
        var (measurement, _) = await StatisticIdsAsync(client);

        var id = await client.SendCommandAsync($$"""{"type":"recorder/statistics_during_period","start_time":"2026-05-31T00:00:00Z","statistic_ids":["{{measurement}}"],"period":"hour"}""");

        var row = (await client.ReceiveResultAsync(id)).GetProperty("result").GetProperty(measurement)[0];
        Assert.Equal(["start", "end", "last_reset", "mean", "min", "max"], row.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task StatisticsDuringPeriod_NoPeriod_InvalidFormat()
    {
        await using var sim = await StartAsync();
        await using var client = await HaTestClient.ConnectAuthenticatedAsync(sim);

        var id = await client.SendCommandAsync("""{"type":"recorder/statistics_during_period","start_time":"2026-05-31T00:00:00Z","statistic_ids":["sensor.x"]}""");

        Assert.Contains("period", AssertError(await client.ReceiveResultAsync(id), "invalid_format"), StringComparison.Ordinal);
    }

    private static Task<HaSimulator> StartAsync() => SimulatorFixture.StartAsync(o =>
    {
        o.HistoryDays = 1;
        o.HistoryInterval = TimeSpan.FromMinutes(10);
        o.HistoryEnd = End;
    });

    /// <summary>A sensor with state_class measurement and one with total or total_increasing, from get_states.</summary>
    private static async Task<(string Measurement, string Meter)> StatisticIdsAsync(HaTestClient client)
    {
        var id = await client.SendCommandAsync("""{"type":"get_states"}""");
        var states = (await client.ReceiveResultAsync(id)).GetProperty("result").EnumerateArray()
            .Select(s => (Id: s.GetProperty("entity_id").GetString()!, Class: s.GetProperty("attributes").TryGetProperty("state_class", out var c) ? c.GetString() : null))
            .ToList();
        return (states.First(s => s.Class == "measurement").Id, states.First(s => s.Class is "total" or "total_increasing").Id);
    }

    private static string AssertError(JsonElement reply, string code)
    {
        Assert.False(reply.GetProperty("success").GetBoolean(), reply.GetRawText());
        Assert.Equal(code, reply.GetProperty("error").GetProperty("code").GetString());
        return reply.GetProperty("error").GetProperty("message").GetString()!;
    }
}
