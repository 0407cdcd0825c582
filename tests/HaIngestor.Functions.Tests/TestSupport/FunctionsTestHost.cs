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

    /// <summary>
    /// The Azurite connection string with the development account's documented key: Azurite accepts no other key
    /// for devstoreaccount1, so a mistyped key in the environment would otherwise fail with a bare signature error.
    /// </summary>
    public static string AzuriteConnectionString()
    {
        const string DevelopmentKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
        var parts = TestServers.AzuriteConnectionString.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2)).ToList();
        var development = parts.Any(p => p is ["AccountName", "devstoreaccount1"]);
        return string.Join(';', parts.Select(p => development && p[0] == "AccountKey" ? "AccountKey=" + DevelopmentKey : string.Join('=', p))) + ";";
    }

    public static FunctionsTestHost Create(IDictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.ConfigureContainer(new DefaultServiceProviderFactory(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }));
        builder.AddHaIngestorFunctions();
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
