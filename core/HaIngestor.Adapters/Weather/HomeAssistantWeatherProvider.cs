using HaIngestor.Core.Enrichment;
using HaIngestor.Core.Processing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HaIngestor.Adapters.Weather;

/// <summary>
/// Weather from the event stream itself: follows the state of a <c>weather.*</c> entity in every batch and serves the
/// latest. When the entity turns unavailable the last known weather is served, marked stale, up to
/// <see cref="WeatherOptions.MaxStaleAge"/>. Each instance sees only the events it is given.
/// </summary>
internal sealed class HomeAssistantWeatherProvider : IWeatherProvider, IBatchObserver
{
    private readonly TimeProvider _time;
    private readonly ILogger<HomeAssistantWeatherProvider> _logger;
    private readonly WeatherOptions _options;
    private readonly bool _anyEntity;
    private readonly string? _locationName;
    private readonly Lock _lock = new();
    private WeatherSnapshot? _latest;
    private DateTimeOffset _latestAt = DateTimeOffset.MinValue;
    private bool _unavailable;

    public HomeAssistantWeatherProvider(TimeProvider time, IOptions<WeatherOptions> options, ILogger<HomeAssistantWeatherProvider> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _time = time;
        _logger = logger;
        _options = options.Value;
        _anyEntity = _options.EntityId == "weather.*";
        _locationName = string.IsNullOrWhiteSpace(_options.LocationName) ? null : _options.LocationName;
    }

    /// <inheritdoc />
    public void Observe(IReadOnlyList<ReadOnlyMemory<byte>> eventMessages)
    {
        ArgumentNullException.ThrowIfNull(eventMessages);
        for (var i = 0; i < eventMessages.Count; i++)
        {
            var message = eventMessages[i].Span;
            if (HomeAssistantWeatherReader.MayBeWeather(message)
                && HomeAssistantWeatherReader.TryRead(message, _locationName, out var state)
                && (_anyEntity || string.Equals(state.EntityId, _options.EntityId, StringComparison.Ordinal)))
            {
                Apply(state);
            }
        }
    }

    /// <inheritdoc />
    public ValueTask<WeatherSnapshot?> GetCurrentAsync(CancellationToken cancellationToken)
    {
        WeatherSnapshot? latest;
        bool unavailable;
        lock (_lock)
        {
            latest = _latest;
            unavailable = _unavailable;
        }

        if (latest is null || _time.GetUtcNow() - latest.ObservedAt > _options.MaxStaleAge)
        {
            return ValueTask.FromResult<WeatherSnapshot?>(null);
        }

        return ValueTask.FromResult<WeatherSnapshot?>(unavailable ? latest with { Stale = true } : latest);
    }

    private void Apply(in HomeAssistantWeatherReader.WeatherState state)
    {
        var logUnavailable = false;
        lock (_lock)
        {
            // Batches may arrive out of order (partitions, replays): an older state never replaces a newer one.
            if (state.At < _latestAt)
            {
                return;
            }

            _latestAt = state.At;
            if (state.Snapshot is null)
            {
                logUnavailable = !_unavailable;
                _unavailable = true;
            }
            else
            {
                _latest = state.Snapshot;
                _unavailable = false;
            }
        }

        if (logUnavailable)
        {
            Log.HomeAssistantWeatherUnavailable(_logger, state.EntityId, state.State);
        }
    }
}
