using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace HaIngestor.Adapters.Weather;

/// <summary>
/// The process's one Redis connection, shared by the cache's distributed tier and the health check. Tuned so a dead
/// Redis costs at most <see cref="RedisOptions.Timeout"/> once and then fails fast instead of queueing commands.
/// </summary>
internal sealed class RedisConnection : IAsyncDisposable
{
    private readonly Lazy<Task<IConnectionMultiplexer>> _connection;

    public RedisConnection(IOptions<RedisOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        IsConfigured = settings.IsConfigured;
        _connection = new Lazy<Task<IConnectionMultiplexer>>(
            () => ConnectAsync(settings), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>False when no connection string is configured.</summary>
    public bool IsConfigured { get; }

    /// <summary>The multiplexer; it reconnects in the background after failures, it never needs replacing.</summary>
    public Task<IConnectionMultiplexer> GetAsync()
    {
        if (!IsConfigured)
        {
            throw new InvalidOperationException("Redis:ConnectionString is not configured.");
        }

        return _connection.Value;
    }

    /// <summary>Builds the client options: never abort on a failed first connect, fail commands fast while disconnected.</summary>
    internal static ConfigurationOptions CreateConfiguration(RedisOptions settings)
    {
        var configuration = ConfigurationOptions.Parse(settings.ConnectionString!);
        var timeoutMs = (int)settings.Timeout.TotalMilliseconds;
        configuration.AbortOnConnectFail = false;
        configuration.ConnectTimeout = timeoutMs;
        configuration.SyncTimeout = timeoutMs;
        configuration.AsyncTimeout = timeoutMs;
        configuration.ConnectRetry = 1;
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        return configuration;
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection.IsValueCreated && _connection.Value.IsCompletedSuccessfully)
        {
            await _connection.Value.Result.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static async Task<IConnectionMultiplexer> ConnectAsync(RedisOptions settings) =>
        await ConnectionMultiplexer.ConnectAsync(CreateConfiguration(settings)).ConfigureAwait(false);
}
