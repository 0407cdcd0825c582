using System.Globalization;
using System.Text;
using HaIngestor.Adapters.Quality;
using HaIngestor.Core.Pipeline;
using HaIngestor.Core.Quality;
using HaIngestor.Core.Serialization;
using HaIngestor.Core.Sinks;
using HaIngestor.TestUtilities;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace HaIngestor.Adapters.Tests.Quality;

/// <summary>One process's quality tracking (as a function instance has it) over a real Redis, on a shared fake clock.</summary>
internal sealed class QualityInstance : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private QualityInstance(ServiceProvider services)
    {
        _services = services;
        Tracker = services.GetRequiredService<QualityTracker>();
        Evaluator = services.GetRequiredService<QualityEvaluator>();
        Sync = services.GetService<QualityStateSync>();
        Pipeline = new EventPipeline(new PipelineOptions(), Tracker);
    }

    public QualityTracker Tracker { get; }

    public QualityEvaluator Evaluator { get; }

    public QualityStateSync? Sync { get; }

    public EventPipeline Pipeline { get; }

    public static QualityInstance Create(FakeTimeProvider time, ILineProtocolSink sink, string? redisPrefix, string? redisConnection = null, ILoggerProvider? logs = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Redis:ConnectionString"] = redisPrefix is null ? null : redisConnection ?? TestServers.RedisEndpoint,
            ["Redis:InstanceName"] = redisPrefix,
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging(builder =>
        {
            if (logs is not null)
            {
                builder.AddProvider(logs);
            }
        });
        services.AddSingleton<TimeProvider>(time);
        services.AddSingleton(sink);
        services.AddSharedQuality(configuration);
        return new QualityInstance(services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true }));
    }

    /// <summary>Processes one batch of state changes at the clock's time, sharing state as the functions' batch handler does.</summary>
    public async Task BatchAsync(DateTimeOffset at, params (string EntityId, string State)[] changes)
    {
        if (Sync is not null)
        {
            await Sync.BeforeBatchAsync(CancellationToken.None);
        }

        using var writer = new LineProtocolWriter();
        foreach (var (entityId, state) in changes)
        {
            var time = at.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffffzzz", CultureInfo.InvariantCulture);
            var message = $$$$"""{"ingestor":{"home":"Main"},"id":1,"type":"event","event":{"event_type":"state_changed","data":{"entity_id":"{{{{entityId}}}}","old_state":null,"new_state":{"entity_id":"{{{{entityId}}}}","state":"{{{{state}}}}","attributes":{},"last_changed":"{{{{time}}}}","last_updated":"{{{{time}}}}","context":{"id":"01HX0000000000000000000001","parent_id":null,"user_id":null}}},"origin":"LOCAL","time_fired":"{{{{time}}}}","context":{"id":"01HX0000000000000000000001","parent_id":null,"user_id":null}}}""";
            Assert.Equal(ProcessOutcome.Written, Pipeline.Process(Encoding.UTF8.GetBytes(message), writer).Outcome);
        }

        if (Sync is not null)
        {
            await Sync.AfterBatchAsync(CancellationToken.None);
        }
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
