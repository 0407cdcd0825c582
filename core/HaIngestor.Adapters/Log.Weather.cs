using Microsoft.Extensions.Logging;

namespace HaIngestor.Adapters;

/// <summary>Weather enrichment log lines (EventIds 5000-5099). Transitions only: never one per event or batch.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 5000, Level = LogLevel.Warning,
        Message = "Weather provider {Provider} is failing for {Location}: {Reason}. Serving the last known weather (up to {MaxStaleAge}) meanwhile.")]
    public static partial void WeatherProviderFailing(ILogger logger, string provider, string location, string reason, TimeSpan maxStaleAge);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Weather provider {Provider} recovered for {Location}.")]
    public static partial void WeatherProviderRecovered(ILogger logger, string provider, string location);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning,
        Message = "Weather cache tier failed ({Reason}); carrying on with the in-memory tier.")]
    public static partial void WeatherCacheTierFailing(ILogger logger, string reason);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Information, Message = "Weather cache tier recovered.")]
    public static partial void WeatherCacheTierRecovered(ILogger logger);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Information,
        Message = "Weather enrichment: provider {Provider}, location {Location}, cache TTL {CacheTtl}, distributed cache {DistributedCache}.")]
    public static partial void WeatherConfigured(ILogger logger, string provider, string location, TimeSpan cacheTtl, bool distributedCache);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Warning,
        Message = "Home Assistant weather entity {EntityId} reports {State}; serving the last known weather as stale.")]
    public static partial void HomeAssistantWeatherUnavailable(ILogger logger, string entityId, string state);
}
