using HaIngestor.Functions.Hosting;
using HaIngestor.TestUtilities;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HaIngestor.Functions.Tests.TestSupport;

/// <summary>
/// The function app's container, built by the same <c>AddHaIngestorFunctions</c> as Program.cs, with settings pointing
/// at the real test servers (InfluxDB 1.x, Azurite, Redis) and the container's own validation on.
/// </summary>
internal sealed class FunctionsTestHost : IAsyncDisposable
{
    private readonly IHost _host;

    private FunctionsTestHost(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    public string DeadLetterContainer { get; private init; } = string.Empty;

    public static Dictionary<string, string?> Settings(string influxUrl, string database) => new()
    {
        ["InfluxDb:ApiVersion"] = "V1",
        ["InfluxDb:Url"] = influxUrl,
        ["InfluxDb:Database"] = database,
        ["InfluxDb:MaxRetryAttempts"] = "2",
        ["InfluxDb:RetryBaseDelay"] = "00:00:00.001",
        ["InfluxDb:RetryMaxDelay"] = "00:00:00.005",
        ["InfluxDb:Timeout"] = "00:00:05",
        ["DeadLetters:ConnectionString"] = AzuriteConnectionString(),
        ["DeadLetters:Container"] = $"fn-{Guid.NewGuid():N}",
        ["Weather:Provider"] = "HomeAssistant",
        ["Redis:ConnectionString"] = TestServers.RedisEndpoint,
        ["Redis:InstanceName"] = $"test:fn:{Guid.NewGuid():N}:",
    };

    /// <summary>The connection string of the test run's Azurite.</summary>
    public static string AzuriteConnectionString() => TestServers.AzuriteConnectionString;

    /// <summary>
    /// Builds the container; <paramref name="timeProvider"/> replaces the system clock (registered before the app's own),
    /// <paramref name="configure"/> registers after the app's own (e.g. a sink that records what it is given).
    /// </summary>
    public static FunctionsTestHost Create(IDictionary<string, string?> settings, TimeProvider? timeProvider = null, Action<IServiceCollection>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        if (timeProvider is not null)
        {
            builder.Services.AddSingleton(timeProvider);
        }

        builder.ConfigureContainer(new DefaultServiceProviderFactory(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }));
        builder.AddHaIngestorFunctions();
        configure?.Invoke(builder.Services);
        var host = builder.Build();
        return new FunctionsTestHost(host) { DeadLetterContainer = settings["DeadLetters:Container"] ?? string.Empty };
    }

    public T Get<T>()
        where T : notnull => _host.Services.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        if (_host is IAsyncDisposable asyncDisposable)
        {
            await asyncDisposable.DisposeAsync();
        }
        else
        {
            _host.Dispose();
        }
    }
}
