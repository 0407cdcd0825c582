using System.Globalization;
using HaIngestor.Adapters.Weather;
using HaIngestor.Core.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HaIngestor.Adapters.Health;

/// <summary>
/// Where the last connector heartbeat is kept for the health check: the Redis key <c>{InstanceName}connector:heartbeat</c>
/// (shared by every function instance, since the heartbeat may land on one and the timer run on another), and in memory
/// as a fallback when Redis is not configured or down.
/// </summary>
public sealed class HeartbeatStore
{
    private const string KeySuffix = "connector:heartbeat";

    private readonly RedisConnection _redis;
    private readonly IngestorMetrics _metrics;
    private readonly ILogger<HeartbeatStore> _logger;
    private readonly string _key;
    private long _lastTicks = long.MinValue;

    internal HeartbeatStore(RedisConnection redis, IngestorMetrics metrics, IOptions<RedisOptions> redisOptions, ILogger<HeartbeatStore> logger)
    {
        _redis = redis;
        _metrics = metrics;
        _logger = logger;
        _key = redisOptions.Value.InstanceName + KeySuffix;
    }

    /// <summary>Records a heartbeat; never throws (a lost heartbeat only makes the health check pessimistic).</summary>
    public async Task RecordAsync(DateTimeOffset sentAt, CancellationToken cancellationToken)
    {
        _metrics.HeartbeatReceived(sentAt);
        var ticks = sentAt.UtcTicks;
        long seen;
        do
        {
            seen = Interlocked.Read(ref _lastTicks);
            if (ticks <= seen)
            {
                return;
            }
        }
        while (Interlocked.CompareExchange(ref _lastTicks, ticks, seen) != seen);

        if (!_redis.IsConfigured)
        {
            return;
        }

        try
        {
            var connection = await _redis.GetAsync().ConfigureAwait(false);
            await connection.GetDatabase().StringSetAsync(
                _key, sentAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture), TimeSpan.FromDays(7)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.HeartbeatNotStored(_logger, ex.GetType().Name);
        }
    }

    /// <summary>The newest heartbeat known here or in Redis, or null when none was seen.</summary>
    public async Task<DateTimeOffset?> GetLastAsync(CancellationToken cancellationToken)
    {
        var ticks = Interlocked.Read(ref _lastTicks);
        DateTimeOffset? local = ticks == long.MinValue ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
        if (!_redis.IsConfigured)
        {
            return local;
        }

        try
        {
            var connection = await _redis.GetAsync().ConfigureAwait(false);
            var stored = await connection.GetDatabase().StringGetAsync(_key).ConfigureAwait(false);
            if (stored.HasValue && DateTimeOffset.TryParse(stored.ToString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var shared))
            {
                return local is { } l && l > shared ? l : shared;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.HeartbeatNotStored(_logger, ex.GetType().Name);
        }

        return local;
    }
}
