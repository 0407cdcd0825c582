using HaIngestor.Adapters.Weather;
using HaIngestor.TestUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace HaIngestor.Adapters.Tests.Weather;

public sealed class OpenWeatherMapProviderTests
{
    // Just after the start of a 5-minute cache window, so "2 minutes later" stays in the same window. Under a fake
    // clock HybridCache's memory tier keeps nothing, so these tests exercise the Redis tier.
    private static readonly DateTimeOffset Start = new(2026, 11, 28, 9, 0, 10, TimeSpan.Zero);

    [Fact]
    public async Task GetCurrentAsync_Success_ParsesSnapshot()
    {
        await using var server = new FakeOpenWeatherMapServer();
        await using var host = WeatherTestHost.Create(WeatherTestHost.OpenWeatherMapSettings(server, WeatherTestHost.NewRedisPrefix()), new FakeTimeProvider(Start));

        var snapshot = await host.Provider.GetCurrentAsync(CancellationToken.None);

        Assert.NotNull(snapshot);
        Assert.Equal("Berlin,DE", snapshot.Location);
        Assert.Equal("clouds", snapshot.Condition);
        Assert.Equal(21.5, snapshot.Temperature);
        Assert.Equal(64, snapshot.Humidity);
        Assert.Equal(1013, snapshot.Pressure);
        Assert.Equal(3.6, snapshot.WindSpeed);
        Assert.Equal(75, snapshot.Clouds);
        Assert.False(snapshot.Stale);
        var query = Assert.Single(server.Queries);
        Assert.StartsWith("/data/2.5/weather?q=Berlin%2CDE&appid=test-key-123&units=metric", query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetCurrentAsync_ThousandConcurrentCalls_OneUpstreamRequest()
    {
        await using var server = new FakeOpenWeatherMapServer();
        await using var host = WeatherTestHost.Create(WeatherTestHost.OpenWeatherMapSettings(server, WeatherTestHost.NewRedisPrefix()), new FakeTimeProvider(Start));
        var provider = host.Provider;

        var calls = Enumerable.Range(0, 1000).Select(_ => Task.Run(async () => await provider.GetCurrentAsync(CancellationToken.None)));
        var snapshots = await Task.WhenAll(calls);

        Assert.All(snapshots, s => Assert.Equal(21.5, s?.Temperature));
        Assert.Equal(1, server.Requests);
    }

    [Fact]
    public async Task GetCurrentAsync_TtlElapsed_FetchesAgain()
    {
        await using var server = new FakeOpenWeatherMapServer();
        var time = new FakeTimeProvider(Start);
        await using var host = WeatherTestHost.Create(WeatherTestHost.OpenWeatherMapSettings(server, WeatherTestHost.NewRedisPrefix()), time);

        await host.Provider.GetCurrentAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(2));
        await host.Provider.GetCurrentAsync(CancellationToken.None);
        Assert.Equal(1, server.Requests);

        server.Temperature = 25;
        time.Advance(TimeSpan.FromMinutes(5));
        var snapshot = await host.Provider.GetCurrentAsync(CancellationToken.None);

        Assert.Equal(2, server.Requests);
        Assert.Equal(25, snapshot?.Temperature);
    }

    [Theory]
    [InlineData(FakeWeatherMode.ServerError)]
    [InlineData(FakeWeatherMode.Unauthorized)]
    [InlineData(FakeWeatherMode.BadJson)]
    public async Task GetCurrentAsync_ApiFailsAfterSuccess_ReturnsStaleSnapshot(FakeWeatherMode failure)
    {
        await using var server = new FakeOpenWeatherMapServer();
        var time = new FakeTimeProvider(Start);
        await using var host = WeatherTestHost.Create(WeatherTestHost.OpenWeatherMapSettings(server, WeatherTestHost.NewRedisPrefix()), time);
        await host.Provider.GetCurrentAsync(CancellationToken.None);

        server.Mode = failure;
        time.Advance(TimeSpan.FromMinutes(6));
        var snapshot = await host.Provider.GetCurrentAsync(CancellationToken.None);

        Assert.NotNull(snapshot);
        Assert.True(snapshot.Stale);
        Assert.Equal(21.5, snapshot.Temperature);
        Assert.True(server.Requests >= 2);
    }

    [Fact]
    public async Task GetCurrentAsync_ApiFailsBeyondMaxStaleAge_ReturnsNull()
    {
        await using var server = new FakeOpenWeatherMapServer();
        var time = new FakeTimeProvider(Start);
        await using var host = WeatherTestHost.Create(WeatherTestHost.OpenWeatherMapSettings(server, WeatherTestHost.NewRedisPrefix()), time);
        await host.Provider.GetCurrentAsync(CancellationToken.None);

        server.Mode = FakeWeatherMode.ServerError;
        time.Advance(TimeSpan.FromHours(3));

        Assert.Null(await host.Provider.GetCurrentAsync(CancellationToken.None));
    }

    [Fact]
    public async Task GetCurrentAsync_ApiDownFromStart_ReturnsNullWithoutThrowing()
    {
        await using var server = new FakeOpenWeatherMapServer { Mode = FakeWeatherMode.ServerError };
        await using var host = WeatherTestHost.Create(WeatherTestHost.OpenWeatherMapSettings(server, WeatherTestHost.NewRedisPrefix()), new FakeTimeProvider(Start));

        Assert.Null(await host.Provider.GetCurrentAsync(CancellationToken.None));
        // The standard resilience handler retried the 500 once.
        Assert.Equal(2, server.Requests);
    }

    [Fact]
    public async Task GetCurrentAsync_ApiFailing_AtMostOneRequestPerInterval()
    {
        await using var server = new FakeOpenWeatherMapServer { Mode = FakeWeatherMode.Unauthorized };
        var time = new FakeTimeProvider(Start);
        await using var host = WeatherTestHost.Create(WeatherTestHost.OpenWeatherMapSettings(server, WeatherTestHost.NewRedisPrefix()), time);

        for (var i = 0; i < 20; i++)
        {
            Assert.Null(await host.Provider.GetCurrentAsync(CancellationToken.None));
        }

        Assert.Equal(1, server.Requests);
        time.Advance(TimeSpan.FromSeconds(1));
        await host.Provider.GetCurrentAsync(CancellationToken.None);
        Assert.Equal(2, server.Requests);
    }

    [Fact]
    public async Task GetCurrentAsync_ApiTimesOutAfterSuccess_ReturnsStaleSnapshot()
    {
        // Real time here: attempt timeouts run on the injected clock, and only real time makes them fire.
        await using var server = new FakeOpenWeatherMapServer();
        var settings = WeatherTestHost.OpenWeatherMapSettings(server, WeatherTestHost.NewRedisPrefix());
        settings["Weather:CacheTtl"] = "00:00:01";
        settings["Weather:RequestTimeout"] = "00:00:00.300";
        settings["Weather:MinRequestInterval"] = "00:00:00";
        await using var host = WeatherTestHost.Create(settings);
        Assert.False((await host.Provider.GetCurrentAsync(CancellationToken.None))?.Stale);

        server.Mode = FakeWeatherMode.Timeout;

        await Eventually.AssertAsync(
            async () => (await host.Provider.GetCurrentAsync(CancellationToken.None)) is { Stale: true, Temperature: 21.5 },
            TimeSpan.FromSeconds(30),
            "stale weather served once the cached value expired and the API timed out");
        Assert.True(server.Requests >= 2);
    }

    [Fact]
    public async Task GetCurrentAsync_RedisDown_ServesFromMemoryWithoutThrowing()
    {
        // Real time: HybridCache's memory tier does not keep entries under a fake clock.
        await using var server = new FakeOpenWeatherMapServer();
        await using var host = WeatherTestHost.Create(
            WeatherTestHost.OpenWeatherMapSettings(server, WeatherTestHost.NewRedisPrefix(), $"127.0.0.1:{FreePort.Get()}"));

        var first = await host.Provider.GetCurrentAsync(CancellationToken.None);
        var second = await host.Provider.GetCurrentAsync(CancellationToken.None);

        Assert.Equal(21.5, first?.Temperature);
        Assert.Equal(21.5, second?.Temperature);
        Assert.False(second?.Stale);
        Assert.Equal(1, server.Requests);
    }

    [Fact]
    public async Task GetCurrentAsync_RedisAndApiDown_ServesStaleFromMemory()
    {
        await using var server = new FakeOpenWeatherMapServer();
        var settings = WeatherTestHost.OpenWeatherMapSettings(server, WeatherTestHost.NewRedisPrefix(), $"127.0.0.1:{FreePort.Get()}");
        settings["Weather:CacheTtl"] = "00:00:01";
        await using var host = WeatherTestHost.Create(settings);
        Assert.False((await host.Provider.GetCurrentAsync(CancellationToken.None))?.Stale);

        server.Mode = FakeWeatherMode.ServerError;

        await Eventually.AssertAsync(
            async () => (await host.Provider.GetCurrentAsync(CancellationToken.None)) is { Stale: true, Temperature: 21.5 },
            TimeSpan.FromSeconds(30),
            "stale weather served from memory once the cached value expired");
    }

    [Fact]
    public async Task GetCurrentAsync_TwoInstancesSharingRedis_OneUpstreamRequest()
    {
        await using var server = new FakeOpenWeatherMapServer();
        var prefix = WeatherTestHost.NewRedisPrefix();
        await using var first = WeatherTestHost.Create(WeatherTestHost.OpenWeatherMapSettings(server, prefix), new FakeTimeProvider(Start));
        await using var second = WeatherTestHost.Create(WeatherTestHost.OpenWeatherMapSettings(server, prefix), new FakeTimeProvider(Start));

        var a = await first.Provider.GetCurrentAsync(CancellationToken.None);
        var b = await second.Provider.GetCurrentAsync(CancellationToken.None);

        Assert.Equal(1, server.Requests);
        Assert.Equal(a, b);
    }

    [Fact]
    public async Task GetCurrentAsync_FreshInstanceWhileApiDown_ServesStaleFromRedis()
    {
        await using var server = new FakeOpenWeatherMapServer();
        var prefix = WeatherTestHost.NewRedisPrefix();
        await using (var first = WeatherTestHost.Create(WeatherTestHost.OpenWeatherMapSettings(server, prefix), new FakeTimeProvider(Start)))
        {
            await first.Provider.GetCurrentAsync(CancellationToken.None);
        }

        server.Mode = FakeWeatherMode.ServerError;
        await using var second = WeatherTestHost.Create(
            WeatherTestHost.OpenWeatherMapSettings(server, prefix), new FakeTimeProvider(Start + TimeSpan.FromMinutes(10)));
        var snapshot = await second.Provider.GetCurrentAsync(CancellationToken.None);

        Assert.NotNull(snapshot);
        Assert.True(snapshot.Stale);
        Assert.Equal(21.5, snapshot.Temperature);
    }

    [Theory]
    [InlineData(null, "Berlin", "Weather:ApiKey")]
    [InlineData("key", null, "Weather:City")]
    public async Task Options_OpenWeatherMapIncomplete_FailsNamingTheSetting(string? apiKey, string? city, string expected)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Weather:Provider"] = "OpenWeatherMap",
            ["Weather:ApiKey"] = apiKey,
            ["Weather:City"] = city,
        };
        await using var host = WeatherTestHost.Create(settings);

        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<WeatherOptions>>().Value);

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BuildRequestUri_Coordinates_UsesLatLon()
    {
        var options = new WeatherOptions { ApiKey = "k", Latitude = 52.52, Longitude = 13.405 };

        var uri = OpenWeatherMapClient.BuildRequestUri(options);

        Assert.Equal("https://api.openweathermap.org/data/2.5/weather?lat=52.52&lon=13.405&appid=k&units=metric", uri.ToString());
    }
}
