using HaIngestor.Adapters.Weather;
using HaIngestor.Core.Enrichment;
using HaIngestor.TestUtilities;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HaIngestor.Adapters.Tests.Weather;

/// <summary>Builds the weather services the way the hosts do, from configuration, against real servers.</summary>
internal sealed class WeatherTestHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private WeatherTestHost(ServiceProvider services) => _services = services;

    public IWeatherProvider Provider => _services.GetRequiredService<IWeatherProvider>();

    public IServiceProvider Services => _services;

    /// <summary>A unique Redis key prefix, so parallel tests never share cache entries unless they mean to.</summary>
    public static string NewRedisPrefix() => $"test:weather:{Guid.NewGuid():N}:";

    public static WeatherTestHost Create(
        IDictionary<string, string?> settings,
        TimeProvider? time = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        services.AddWeatherEnrichment(configuration);
        return new WeatherTestHost(services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }));
    }

    /// <summary>OpenWeatherMap settings for <paramref name="server"/>, with Redis as the distributed tier unless told otherwise.</summary>
    public static Dictionary<string, string?> OpenWeatherMapSettings(
        FakeOpenWeatherMapServer server, string? redisPrefix, string? redisConnection = null) => new()
    {
        ["Weather:Provider"] = "OpenWeatherMap",
        ["Weather:ApiKey"] = "test-key-123",
        ["Weather:City"] = "Berlin,DE",
        ["Weather:BaseUrl"] = server.BaseUrl.ToString(),
        // Fake time never fires retry delays: retry at once.
        ["Weather:RetryDelay"] = "00:00:00",
        ["Redis:ConnectionString"] = redisPrefix is null ? null : redisConnection ?? TestServers.RedisEndpoint,
        ["Redis:InstanceName"] = redisPrefix,
    };

    public async ValueTask DisposeAsync() => await _services.DisposeAsync();
}
