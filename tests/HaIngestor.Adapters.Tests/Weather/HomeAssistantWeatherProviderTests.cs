using System.Text;
using HaIngestor.Adapters.Weather;
using HaIngestor.Core.Enrichment;
using HaIngestor.Core.Processing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HaIngestor.Adapters.Tests.Weather;

public sealed class HomeAssistantWeatherProviderTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task Observe_BatchWithWeatherHome_ServesItsState()
    {
        await using var host = CreateHost();
        var batch = Batch(
            SensorEvent("sensor.kitchen_temperature", "21.3"),
            WeatherEvent("weather.home", "rainy", Now.AddMinutes(-1), """{"temperature":12.5,"temperature_unit":"°C","humidity":81,"pressure":1002.1,"pressure_unit":"hPa","wind_speed":18,"wind_speed_unit":"km/h","cloud_coverage":90}"""),
            SensorEvent("sensor.power", "230"));

        host.Observer.Observe(batch);
        var snapshot = await host.Provider.GetCurrentAsync(CancellationToken.None);

        Assert.NotNull(snapshot);
        Assert.Equal("weather.home", snapshot.Location);
        Assert.Equal("rainy", snapshot.Condition);
        Assert.Equal(12.5, snapshot.Temperature);
        Assert.Equal(81, snapshot.Humidity);
        Assert.Equal(1002.1, snapshot.Pressure);
        Assert.Equal(5, snapshot.WindSpeed!.Value, 6);
        Assert.Equal(90, snapshot.Clouds);
        Assert.False(snapshot.Stale);
    }

    [Fact]
    public async Task Observe_ImperialUnits_ConvertsToMetric()
    {
        await using var host = CreateHost();

        host.Observer.Observe(Batch(WeatherEvent("weather.home", "sunny", Now, """{"temperature":68,"temperature_unit":"°F","pressure":29.92,"pressure_unit":"inHg","wind_speed":10,"wind_speed_unit":"mph"}""")));
        var snapshot = await host.Provider.GetCurrentAsync(CancellationToken.None);

        Assert.Equal(20, snapshot!.Temperature!.Value, 6);
        Assert.Equal(1013.2, snapshot.Pressure!.Value, 1);
        Assert.Equal(4.4704, snapshot.WindSpeed!.Value, 6);
    }

    [Fact]
    public async Task Observe_OtherWeatherEntity_IsIgnored()
    {
        await using var host = CreateHost();

        host.Observer.Observe(Batch(WeatherEvent("weather.forecast_cabin", "snowy", Now, """{"temperature":-3}""")));

        Assert.Null(await host.Provider.GetCurrentAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Observe_AnyWeatherEntityConfigured_TakesTheLatest()
    {
        await using var host = CreateHost("weather.*");

        host.Observer.Observe(Batch(
            WeatherEvent("weather.cabin", "snowy", Now.AddMinutes(-2), """{"temperature":-3}"""),
            WeatherEvent("weather.city", "cloudy", Now.AddMinutes(-1), """{"temperature":4}""")));
        var snapshot = await host.Provider.GetCurrentAsync(CancellationToken.None);

        Assert.Equal("cloudy", snapshot?.Condition);
        Assert.Equal("weather.city", snapshot?.Location);
    }

    [Fact]
    public async Task Observe_OlderStateAfterNewer_KeepsTheNewer()
    {
        await using var host = CreateHost();

        host.Observer.Observe(Batch(WeatherEvent("weather.home", "sunny", Now.AddMinutes(-1), """{"temperature":20}""")));
        host.Observer.Observe(Batch(WeatherEvent("weather.home", "rainy", Now.AddMinutes(-30), """{"temperature":10}""")));

        Assert.Equal("sunny", (await host.Provider.GetCurrentAsync(CancellationToken.None))?.Condition);
    }

    [Fact]
    public async Task Observe_EntityTurnsUnavailable_ServesLastKnownAsStale()
    {
        await using var host = CreateHost();

        host.Observer.Observe(Batch(WeatherEvent("weather.home", "sunny", Now.AddMinutes(-10), """{"temperature":20}""")));
        host.Observer.Observe(Batch(WeatherEvent("weather.home", "unavailable", Now.AddMinutes(-1), "{}")));
        var snapshot = await host.Provider.GetCurrentAsync(CancellationToken.None);

        Assert.True(snapshot?.Stale);
        Assert.Equal("sunny", snapshot?.Condition);
    }

    [Fact]
    public async Task GetCurrentAsync_LastStateOlderThanMaxStaleAge_ReturnsNull()
    {
        await using var host = CreateHost();

        host.Observer.Observe(Batch(WeatherEvent("weather.home", "sunny", Now.AddHours(-3), """{"temperature":20}""")));

        Assert.Null(await host.Provider.GetCurrentAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Observe_UnreadableMessages_AreIgnored()
    {
        await using var host = CreateHost();

        host.Observer.Observe(Batch("{\"weather.home\":", "not json at all", """{"type":"event","event":{"event_type":"state_changed","data":{"entity_id":42}}}"""));

        Assert.Null(await host.Provider.GetCurrentAsync(CancellationToken.None));
    }

    private static TestHost CreateHost(string entityId = "weather.home")
    {
        var settings = new Dictionary<string, string?>
        {
            ["Weather:Provider"] = "homeassistant",
            ["Weather:EntityId"] = entityId,
        };
        return new TestHost(WeatherTestHost.Create(settings, new FakeTimeProvider(Now)));
    }

    private static ReadOnlyMemory<byte>[] Batch(params string[] messages) =>
        messages.Select(m => new ReadOnlyMemory<byte>(Encoding.UTF8.GetBytes(m))).ToArray();

    private static string SensorEvent(string entityId, string state) => $$$$"""
        {"id":1,"type":"event","event":{"event_type":"state_changed","data":{"entity_id":"{{{{entityId}}}}","old_state":null,"new_state":{"entity_id":"{{{{entityId}}}}","state":"{{{{state}}}}","attributes":{},"last_changed":"2026-11-28T09:29:00+00:00","last_updated":"2026-11-28T09:29:00+00:00","context":{"id":"01JDZ8Q5S7Z1V7QX9N4Y2B3C4D","parent_id":null,"user_id":null}}},"origin":"LOCAL","time_fired":"2026-11-28T09:29:00+00:00","context":{"id":"01JDZ8Q5S7Z1V7QX9N4Y2B3C4D","parent_id":null,"user_id":null}}}
        """;

    private static string WeatherEvent(string entityId, string state, DateTimeOffset at, string attributes)
    {
        var time = at.ToString("yyyy-MM-ddTHH:mm:ss.ffffffzzz", System.Globalization.CultureInfo.InvariantCulture);
        return $$$$"""
            {"ingestor":{"home":"main"},"id":7,"type":"event","event":{"event_type":"state_changed","data":{"entity_id":"{{{{entityId}}}}","old_state":null,"new_state":{"entity_id":"{{{{entityId}}}}","state":"{{{{state}}}}","attributes":{{{{attributes}}}},"last_changed":"{{{{time}}}}","last_updated":"{{{{time}}}}","context":{"id":"01JDZ8Q5S7Z1V7QX9N4Y2B3C4E","parent_id":null,"user_id":null}}},"origin":"LOCAL","time_fired":"{{{{time}}}}","context":{"id":"01JDZ8Q5S7Z1V7QX9N4Y2B3C4E","parent_id":null,"user_id":null}}}
            """;
    }

    private sealed class TestHost(WeatherTestHost host) : IAsyncDisposable
    {
        public IWeatherProvider Provider => host.Provider;

        public IBatchObserver Observer => Assert.Single(host.Services.GetServices<IBatchObserver>());

        public ValueTask DisposeAsync() => host.DisposeAsync();
    }
}
