using Microsoft.Extensions.Logging;

namespace HaIngestor.Connector.HomeAssistant;

/// <summary>Log messages of the Home Assistant clients (EventIds 6000-6499). No token ever goes into one.</summary>
internal static partial class Log
{
    [LoggerMessage(6000, LogLevel.Information, "Connecting to Home Assistant {Home} at {Url}")]
    public static partial void Connecting(ILogger logger, string home, Uri url);

    [LoggerMessage(6001, LogLevel.Information, "Connected to Home Assistant {Home} (version {HaVersion}), subscribed to {EventTypes}")]
    public static partial void Connected(ILogger logger, string home, string? haVersion, string eventTypes);

    [LoggerMessage(6002, LogLevel.Error,
        "Home Assistant {Home} rejected the access token: {Reason} Fix HomeAssistant:Token; the next attempt is in {RetryDelay} " +
        "(repeated bad logins get this address banned, so there is no quick retry)")]
    public static partial void TokenRejected(ILogger logger, string home, string reason, TimeSpan retryDelay);

    [LoggerMessage(6003, LogLevel.Debug, "Home Assistant {Home} still rejects the access token; next attempt in {RetryDelay}")]
    public static partial void TokenStillRejected(ILogger logger, string home, TimeSpan retryDelay);

    [LoggerMessage(6004, LogLevel.Warning,
        "Connection to Home Assistant {Home} failed or was lost: {Reason} Reconnecting in {Delay}, then with backoff from {MinDelay} up to {MaxDelay} until it answers; " +
        "what happens meanwhile is caught up after reconnecting. Further attempts are not logged until it answers.")]
    public static partial void ConnectionLost(ILogger logger, string home, string reason, TimeSpan delay, TimeSpan minDelay, TimeSpan maxDelay);

    [LoggerMessage(6017, LogLevel.Debug, "Home Assistant {Home} still unreachable: {Reason} Next attempt in {Delay}")]
    public static partial void StillUnreachable(ILogger logger, string home, string reason, TimeSpan delay);

    [LoggerMessage(6018, LogLevel.Debug, "Reconnecting to Home Assistant {Home} at {Url}")]
    public static partial void Reconnecting(ILogger logger, string home, Uri url);

    [LoggerMessage(6019, LogLevel.Information, "Connected to Home Assistant {Home} again after {Outage} ({FailedAttempts} failed attempts; version {HaVersion}), subscribed to {EventTypes}")]
    public static partial void Reconnected(ILogger logger, string home, TimeSpan outage, int failedAttempts, string? haVersion, string eventTypes);

    [LoggerMessage(6005, LogLevel.Warning, "No pong from Home Assistant {Home} within {Timeout}: treating the connection as dead")]
    public static partial void NoPong(ILogger logger, string home, TimeSpan timeout);

    [LoggerMessage(6006, LogLevel.Warning, "Skipped an unreadable message from Home Assistant {Home}: {Error} ({Count} so far)")]
    public static partial void Malformed(ILogger logger, string home, string error, long count);

    [LoggerMessage(6007, LogLevel.Information, "Catch-up for Home Assistant {Home}: {Count} entities changed since {Since}")]
    public static partial void CatchUpDone(ILogger logger, string home, int count, DateTimeOffset since);

    [LoggerMessage(6008, LogLevel.Information, "Registries of Home Assistant {Home} read: {Count} entities with an area or device")]
    public static partial void RegistriesLoaded(ILogger logger, string home, int count);

    [LoggerMessage(6009, LogLevel.Warning, "Could not read the registries of Home Assistant {Home}: {Reason} Events carry no area or device until they can be read")]
    public static partial void RegistriesUnavailable(ILogger logger, string home, string reason);

    [LoggerMessage(6010, LogLevel.Information, "Entity filter active for Home Assistant {Home}: state changes of other entities are counted as filtered and not forwarded")]
    public static partial void FilterActive(ILogger logger, string home);

    [LoggerMessage(6011, LogLevel.Warning, "Home Assistant {Home} refused the subscription to {EventType}: {Reason}")]
    public static partial void SubscriptionRefused(ILogger logger, string home, string eventType, string reason);

    [LoggerMessage(6016, LogLevel.Warning, "Home Assistant {Home}: event types {RefusedEventTypes} refused, receiving {SubscribedEventTypes}. {Explanation}")]
    public static partial void EventTypesRefused(ILogger logger, string home, string refusedEventTypes, string subscribedEventTypes, string explanation);


    [LoggerMessage(6012, LogLevel.Information, "Home Assistant client {Home} stopped")]
    public static partial void Stopped(ILogger logger, string home);

    [LoggerMessage(6013, LogLevel.Error, "Catch-up for Home Assistant {Home} failed: {Reason}")]
    public static partial void CatchUpFailed(ILogger logger, string home, string reason);

    [LoggerMessage(6014, LogLevel.Information, "Starting {Count} Home Assistant client(s)")]
    public static partial void StartingClients(ILogger logger, int count);

    [LoggerMessage(6015, LogLevel.Warning, "The last-event checkpoint {Path} could not be read or written: {Reason}; catch-up after a restart starts from the first connection")]
    public static partial void CheckpointFailed(ILogger logger, string path, string reason);
}
