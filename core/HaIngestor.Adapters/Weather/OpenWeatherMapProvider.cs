using System.Globalization;
using HaIngestor.Core.Enrichment;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HaIngestor.Adapters.Weather;

/// <summary>
/// OpenWeatherMap weather behind a <see cref="HybridCache"/> (memory, then Redis): one upstream call per location per
/// TTL window however many callers and instances ask. When the API fails the last good snapshot is served, marked
/// stale, while it is younger than <see cref="WeatherOptions.MaxStaleAge"/>; when Redis fails the memory tier carries on.
/// </summary>
internal sealed class OpenWeatherMapProvider : IWeatherProvider
{
    private const string ProviderName = "openweathermap";

    private readonly OpenWeatherMapClient _client;
    private readonly HybridCache _cache;
    private readonly IDistributedCache? _distributed;
    private readonly RequestGate _gate;
    private readonly WeatherMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger<OpenWeatherMapProvider> _logger;
    private readonly WeatherOptions _options;
    private readonly string _location;
    private readonly string _keyPrefix;
    private readonly string _lastGoodKey;
    private readonly HybridCacheEntryOptions _entryOptions;
    private WeatherCacheEntry? _lastGood;
    private int _providerFailing;
    private int _cacheFailing;

    public OpenWeatherMapProvider(
        OpenWeatherMapClient client,
        HybridCache cache,
        RequestGate gate,
        WeatherMetrics metrics,
        TimeProvider time,
        IOptions<WeatherOptions> options,
        ILogger<OpenWeatherMapProvider> logger,
        IDistributedCache? distributed = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _client = client;
        _cache = cache;
        _gate = gate;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        _distributed = distributed;
        _options = options.Value;
        _location = _options.EffectiveLocation;
        var keyLocation = _location.ToLowerInvariant();
        _keyPrefix = $"weather:v1:{keyLocation}:";
        _lastGoodKey = $"weather:v1:last:{keyLocation}";
        _entryOptions = new HybridCacheEntryOptions { Expiration = _options.CacheTtl, LocalCacheExpiration = _options.CacheTtl };
    }

    /// <inheritdoc />
    public async ValueTask<WeatherSnapshot?> GetCurrentAsync(CancellationToken cancellationToken)
    {
        var lookup = new Lookup(this);
        try
        {
            var entry = await _cache.GetOrCreateAsync(
                CurrentKey(), lookup, static (state, token) => state.FetchAsync(token), _entryOptions, tags: null, cancellationToken)
                .ConfigureAwait(false);
            if (!lookup.Fetched)
            {
                _metrics.Hit();
            }

            Remember(entry);
            CacheTierRecovered();
            return entry.ToSnapshot(stale: false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (lookup.Fetched || ex is WeatherProviderException)
        {
            // The API failed (here or in the caller we joined): stale fallback.
            return await StaleAsync(cancellationToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A cache tier failure must never fail a batch: carry on without it.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            CacheTierFailing(ex);
            return await WithoutCacheAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Keys carry the TTL window number from the injected clock, so every instance agrees on when a value expires.</summary>
    private string CurrentKey()
    {
        var window = _time.GetUtcNow().ToUnixTimeMilliseconds() / (long)_options.CacheTtl.TotalMilliseconds;
        return string.Create(CultureInfo.InvariantCulture, $"{_keyPrefix}{window}");
    }

    private async ValueTask<WeatherCacheEntry> FetchAsync(CancellationToken cancellationToken)
    {
        _metrics.Miss();
        if (!_gate.TryEnter())
        {
            throw new WeatherProviderException("Request limit: the previous OpenWeatherMap request was less than MinRequestInterval ago.");
        }

        WeatherSnapshot snapshot;
        try
        {
            snapshot = await _client.GetCurrentAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (WeatherProviderException ex)
        {
            _metrics.UpstreamFailure();
            if (Interlocked.Exchange(ref _providerFailing, 1) == 0)
            {
                Log.WeatherProviderFailing(_logger, ProviderName, _location, ex.Message, _options.MaxStaleAge);
            }

            throw;
        }

        if (Interlocked.Exchange(ref _providerFailing, 0) == 1)
        {
            Log.WeatherProviderRecovered(_logger, ProviderName, _location);
        }

        var entry = WeatherCacheEntry.From(snapshot, _time.GetUtcNow());
        Remember(entry);
        await SaveLastGoodAsync(entry, cancellationToken).ConfigureAwait(false);
        return entry;
    }

    private async ValueTask<WeatherSnapshot?> WithoutCacheAsync(CancellationToken cancellationToken)
    {
        var last = Volatile.Read(ref _lastGood);
        if (last is not null && _time.GetUtcNow() - last.FetchedAt < _options.CacheTtl)
        {
            _metrics.Hit();
            return last.ToSnapshot(stale: false);
        }

        try
        {
            return (await FetchAsync(cancellationToken).ConfigureAwait(false)).ToSnapshot(stale: false);
        }
        catch (WeatherProviderException)
        {
            return await StaleAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async ValueTask<WeatherSnapshot?> StaleAsync(CancellationToken cancellationToken)
    {
        var last = Volatile.Read(ref _lastGood) ?? await LoadLastGoodAsync(cancellationToken).ConfigureAwait(false);
        if (last is null || _time.GetUtcNow() - last.FetchedAt > _options.MaxStaleAge)
        {
            _metrics.Unavailable();
            return null;
        }

        _metrics.Stale();
        return last.ToSnapshot(stale: true);
    }

    private void Remember(WeatherCacheEntry entry)
    {
        var current = Volatile.Read(ref _lastGood);
        while (current is null || entry.FetchedAt > current.FetchedAt)
        {
            var seen = Interlocked.CompareExchange(ref _lastGood, entry, current);
            if (ReferenceEquals(seen, current))
            {
                return;
            }

            current = seen;
        }
    }

    /// <summary>Keeps the last good snapshot in Redis too, so a fresh instance has stale weather to fall back on.</summary>
    private async ValueTask SaveLastGoodAsync(WeatherCacheEntry entry, CancellationToken cancellationToken)
    {
        if (_distributed is null)
        {
            return;
        }

        try
        {
            await _distributed.SetAsync(
                _lastGoodKey,
                WeatherCacheEntrySerializer.ToBytes(entry),
                new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = _options.MaxStaleAge },
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            CacheTierFailing(ex);
        }
    }

    private async ValueTask<WeatherCacheEntry?> LoadLastGoodAsync(CancellationToken cancellationToken)
    {
        if (_distributed is null)
        {
            return null;
        }

        try
        {
            var bytes = await _distributed.GetAsync(_lastGoodKey, cancellationToken).ConfigureAwait(false);
            var entry = bytes is null ? null : WeatherCacheEntrySerializer.FromBytes(bytes);
            if (entry is not null)
            {
                Remember(entry);
            }

            return entry;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            CacheTierFailing(ex);
            return null;
        }
    }

    private void CacheTierFailing(Exception ex)
    {
        if (Interlocked.Exchange(ref _cacheFailing, 1) == 0)
        {
            Log.WeatherCacheTierFailing(_logger, ex.GetType().Name);
        }
    }

    private void CacheTierRecovered()
    {
        if (Volatile.Read(ref _cacheFailing) == 1 && Interlocked.Exchange(ref _cacheFailing, 0) == 1)
        {
            Log.WeatherCacheTierRecovered(_logger);
        }
    }

    /// <summary>Per-call state: lets exactly the caller whose factory ran count the miss instead of a hit.</summary>
    private sealed class Lookup(OpenWeatherMapProvider owner)
    {
        public bool Fetched { get; private set; }

        public ValueTask<WeatherCacheEntry> FetchAsync(CancellationToken cancellationToken)
        {
            Fetched = true;
            return owner.FetchAsync(cancellationToken);
        }
    }
}
