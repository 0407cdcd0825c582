using System.Globalization;
using HaIngestor.Adapters.Weather;
using HaIngestor.Core.Quality;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace HaIngestor.Adapters.Quality;

/// <summary>
/// Quality state in three Redis hashes under <c>{InstanceName}quality:</c>: <c>entities</c> (field
/// <c>home\nentity_id</c>, the tracker's binary state), <c>homes</c> (each home's clock in UTC ticks, only ever moved
/// forward by a script, since instances save concurrently) and <c>status</c> (the status last reported). Every save
/// renews the hashes' time to live; forgotten entities are deleted, so the hashes hold at most what the trackers
/// track. When Redis is down it says so once, and the instance carries on with its own memory.
/// </summary>
internal sealed class RedisQualityStore : IQualityStore
{
    private const string AdvanceScript = """
        for i = 1, #ARGV, 2 do
          local current = redis.call('HGET', KEYS[1], ARGV[i])
          if not current or tonumber(current) < tonumber(ARGV[i + 1]) then
            redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
          end
        end
        return 1
        """;

    private readonly RedisConnection _redis;
    private readonly ILogger _logger;
    private readonly RedisKey _entities;
    private readonly RedisKey _homes;
    private readonly RedisKey _statuses;
    private readonly TimeSpan _timeToLive;
    private int _down;

    public RedisQualityStore(RedisConnection redis, string instanceName, TimeSpan timeToLive, ILogger<RedisQualityStore> logger)
    {
        _redis = redis;
        _logger = logger;
        _entities = instanceName + "quality:entities";
        _homes = instanceName + "quality:homes";
        _statuses = instanceName + "quality:status";
        _timeToLive = timeToLive;
    }

    public async Task<SharedQualityState?> LoadAsync(CancellationToken cancellationToken)
    {
        try
        {
            var database = (await _redis.GetAsync().ConfigureAwait(false)).GetDatabase();
            var entities = database.HashGetAllAsync(_entities);
            var homes = database.HashGetAllAsync(_homes);
            var statuses = database.HashGetAllAsync(_statuses);
            await Task.WhenAll(entities, homes, statuses).WaitAsync(cancellationToken).ConfigureAwait(false);
            Reachable();
            return new SharedQualityState(
                [.. (await entities.ConfigureAwait(false)).Select(ReadEntity).OfType<SharedEntityState>()],
                [.. (await homes.ConfigureAwait(false)).Select(ReadClock).OfType<SharedHomeClock>()],
                [.. (await statuses.ConfigureAwait(false)).Select(ReadStatus).OfType<SharedEntityStatus>()]);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Unreachable(ex);
            return null;
        }
    }

    public async Task<bool> SaveAsync(SharedQualityState changed, IReadOnlyList<(string Home, string EntityId)> forgotten, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changed);
        ArgumentNullException.ThrowIfNull(forgotten);
        if (changed.Entities.Count == 0 && changed.HomeClocks.Count == 0 && changed.Statuses.Count == 0 && forgotten.Count == 0)
        {
            return true;
        }

        try
        {
            var database = (await _redis.GetAsync().ConfigureAwait(false)).GetDatabase();
            var batch = database.CreateBatch();
            var pending = new List<Task>();
            if (changed.Entities.Count > 0)
            {
                pending.Add(batch.HashSetAsync(_entities, [.. changed.Entities.Select(e => new HashEntry(Field(e.Home, e.EntityId), e.State))]));
                pending.Add(batch.KeyExpireAsync(_entities, _timeToLive));
            }

            if (changed.HomeClocks.Count > 0)
            {
                var arguments = changed.HomeClocks
                    .SelectMany(c => new RedisValue[] { c.Home, c.Latest.UtcTicks.ToString(CultureInfo.InvariantCulture) })
                    .ToArray();
                pending.Add(batch.ScriptEvaluateAsync(AdvanceScript, [_homes], arguments));
                pending.Add(batch.KeyExpireAsync(_homes, _timeToLive));
            }

            if (changed.Statuses.Count > 0)
            {
                pending.Add(batch.HashSetAsync(_statuses, [.. changed.Statuses.Select(s => new HashEntry(Field(s.Home, s.EntityId), QualityStatusNames.Name(s.Status)))]));
                pending.Add(batch.KeyExpireAsync(_statuses, _timeToLive));
            }

            if (forgotten.Count > 0)
            {
                var fields = forgotten.Select(f => (RedisValue)Field(f.Home, f.EntityId)).ToArray();
                pending.Add(batch.HashDeleteAsync(_entities, fields));
                pending.Add(batch.HashDeleteAsync(_statuses, fields));
            }

            batch.Execute();
            await Task.WhenAll(pending).WaitAsync(cancellationToken).ConfigureAwait(false);
            Reachable();
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Unreachable(ex);
            return false;
        }
    }

    /// <summary>Entity ids never hold a line feed, so the last one splits home from entity.</summary>
    private static string Field(string home, string entityId) => home + "\n" + entityId;

    private static bool TrySplit(RedisValue field, out string home, out string entityId)
    {
        var text = (string?)field ?? string.Empty;
        var split = text.LastIndexOf('\n');
        home = split < 0 ? string.Empty : text[..split];
        entityId = split < 0 ? string.Empty : text[(split + 1)..];
        return split >= 0 && entityId.Length > 0;
    }

    private static SharedEntityState? ReadEntity(HashEntry entry) =>
        TrySplit(entry.Name, out var home, out var entityId) ? new SharedEntityState(home, entityId, (byte[])entry.Value!) : null;

    private static SharedHomeClock? ReadClock(HashEntry entry) =>
        long.TryParse((string?)entry.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks <= DateTimeOffset.MaxValue.UtcTicks
            ? new SharedHomeClock((string?)entry.Name ?? string.Empty, new DateTimeOffset(ticks, TimeSpan.Zero))
            : null;

    private static SharedEntityStatus? ReadStatus(HashEntry entry) =>
        TrySplit(entry.Name, out var home, out var entityId) && QualityStatusNames.TryParse((string?)entry.Value, out var status)
            ? new SharedEntityStatus(home, entityId, status)
            : null;

    private void Reachable()
    {
        if (Interlocked.Exchange(ref _down, 0) == 1)
        {
            Log.QualityStateShared(_logger);
        }
    }

    private void Unreachable(Exception exception)
    {
        if (Interlocked.Exchange(ref _down, 1) == 0)
        {
            Log.QualityStateNotShared(_logger, exception.GetType().Name);
        }
    }
}
