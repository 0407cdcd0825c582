using System.Globalization;
using HaIngestor.Faults.Tests.Rig;

namespace HaIngestor.Faults.Tests;

/// <summary>Faults of the services the pipeline leans on but must not depend on: Redis and the weather API.</summary>
public sealed partial class FaultScenarioTests
{
    [Fact]
    public async Task RedisDown_WeatherCacheAndQualityState_EveryEventWritten()
    {
        await using var rig = await FaultRig.StartAsync("redis-down", Rate);
        var redis = await rig.StartRedisAsync();
        var weather = await rig.StartWeatherAsync();
        await rig.StartConnectorAsync();
        await Task.Delay(Load);

        var answeredBefore = weather.Answered;
        await redis.StopAsync();
        await Task.Delay(Load);
        var answeredDuring = weather.Answered - answeredBefore;
        await redis.StartAsync();
        var recovery = await rig.WaitRecoveredAsync("Redis down");
        await Task.Delay(Load);
        var account = await rig.SettleAsync();
        var withWeather = await CountAsync(rig, "SELECT count(\"temperature\") FROM \"home_assistant_events\"");

        FaultReport.Write(
            "09", string.Create(CultureInfo.InvariantCulture, $"Redis down ({Load.TotalSeconds:0} s; weather cache tier, data-quality state)"), account, recovery, rig.PeakRssMiB(),
            string.Create(CultureInfo.InvariantCulture, $"weather fetched {answeredDuring} times meanwhile from the memory tier; {withWeather} points enriched"));
        Assert.True(answeredDuring > 0, "No weather was fetched while Redis was down: the memory tier did not carry on.");
        AssertNothingLost(account);
    }

    [Fact]
    public async Task WeatherApiDown_StaleWeatherServed_EveryEventWritten()
    {
        await using var rig = await FaultRig.StartAsync("weather-down", Rate);
        var weather = await rig.StartWeatherAsync();
        await rig.StartConnectorAsync();
        await Task.Delay(Load);

        weather.Down = true;
        await Task.Delay(Load);
        weather.Down = false;
        var recovery = await rig.WaitRecoveredAsync("the weather API down");
        await Task.Delay(Load);
        var account = await rig.SettleAsync();
        var stale = await CountAsync(rig, "SELECT count(\"state\") FROM \"home_assistant_events\" WHERE \"weather_stale\" = true");

        FaultReport.Write(
            "10", string.Create(CultureInfo.InvariantCulture, $"Weather API down ({Load.TotalSeconds:0} s, 503)"), account, recovery, rig.PeakRssMiB(),
            string.Create(CultureInfo.InvariantCulture, $"{weather.Failed} requests failed; {stale} points written with the last weather, weather_stale=true"));
        Assert.True(weather.Failed > 0, "The connector never asked the weather API while it was down.");
        Assert.True(stale > 0, "No point carried the stale weather while the API was down.");
        AssertNothingLost(account);
    }

    private static async Task<long> CountAsync(FaultRig rig, string query)
    {
        var series = await rig.Database.QueryAsync(query);
        return series.SelectMany(s => s.Rows()).Select(r => r.Where(c => c.Key != "time").Sum(c => c.Value.GetInt64())).Sum();
    }
}
