using HaIngestor.Adapters.DeadLetters;
using HaIngestor.Adapters.InfluxDb;
using HaIngestor.Core.DeadLetters;
using HaIngestor.Core.Enrichment;
using HaIngestor.Core.Processing;
using HaIngestor.TestUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace HaIngestor.Core.Tests.Processing;

/// <summary>A container wired as the hosts wire it: InfluxDB sink, dead-letter store, batch processing.</summary>
internal sealed class ProcessingHost : IDisposable
{
    private readonly ServiceProvider _provider;

    public ProcessingHost(Action<InfluxDbOptions> influx, Action<DeadLetterOptions> deadLetters, IWeatherProvider? weather = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddInfluxDbSink(o =>
        {
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(1);
            o.RetryMaxDelay = TimeSpan.FromMilliseconds(5);
            o.MaxRetryAttempts = 2;
            influx(o);
        });
        services.AddDeadLetterStore(deadLetters);
        if (weather is not null)
        {
            services.AddSingleton(weather);
        }

        services.AddIngestProcessing();
        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public IngestBatchProcessor Processor => _provider.GetRequiredService<IngestBatchProcessor>();

    public DeadLetterReplayer Replayer => _provider.GetRequiredService<DeadLetterReplayer>();

    public IReplayableDeadLetterStore Store => _provider.GetRequiredService<IReplayableDeadLetterStore>();

    public static Action<InfluxDbOptions> V1(InfluxDbTestDatabase database) => o =>
    {
        o.ApiVersion = InfluxDbApiVersion.V1;
        o.Url = database.BaseUrl.ToString();
        o.Database = database.Name;
    };

    public static Action<InfluxDbOptions> Down() => o =>
    {
        o.ApiVersion = InfluxDbApiVersion.V1;
        o.Url = $"http://127.0.0.1:{FreePort.Get()}";
        o.Database = "unreachable";
    };

    public static Action<DeadLetterOptions> Azurite(string container) => o =>
    {
        o.ConnectionString = TestServers.AzuriteConnectionString;
        o.Container = container;
    };

    public static Action<DeadLetterOptions> Folder(string folder) => o => o.Folder = folder;

    public void Dispose() => _provider.Dispose();
}
