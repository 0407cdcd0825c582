using System.Net.Security;
using HaIngestor.Connector.Ingestion;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace HaIngestor.Connector.HomeAssistant;

/// <summary>
/// Keeps one Home Assistant instance connected: token check, auth, subscriptions, ping, reconnect with backoff
/// and catch-up after every gap. Events go to <see cref="IReceivedEventSink"/> tagged with the instance's home.
/// </summary>
internal sealed partial class HomeAssistantClient
{
    /// <summary>The named <see cref="HttpClient"/> used for the <c>/api/</c> token check.</summary>
    public const string HttpClientName = "HomeAssistant";

    private static readonly TimeSpan CheckpointInterval = TimeSpan.FromSeconds(5);

    private readonly HomeAssistantOptions _options;
    private readonly string _token;
    private readonly HomeAssistantEndpoint _endpoint;
    private readonly IReceivedEventSink _sink;
    private readonly IHttpClientFactory _httpClientFactory;
    private readonly TimeProvider _timeProvider;
    private readonly HomeStatusTracker _status;
    private readonly ILogger _logger;
    private readonly EntityFilter _filter;
    private readonly IReadOnlyList<string> _eventTypes;
    private readonly RemoteCertificateValidationCallback? _certificateValidator;
    private readonly ResiliencePipeline _reconnectPipeline;
    private readonly string _displayName;
    private readonly LastEventCheckpoint _checkpoint;
    private readonly RestartDuplicateFilter? _duplicates;

    private int _consecutiveFailures;
    private bool _authFailureReported;
    private DateTimeOffset? _unreachableSince;

    public HomeAssistantClient(
        HomeAssistantInstanceOptions instance,
        HomeAssistantOptions options,
        IReceivedEventSink sink,
        IHttpClientFactory httpClientFactory,
        TimeProvider timeProvider,
        HomeStatusTracker status,
        ILogger<HomeAssistantClient> logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instance.Url);
        ArgumentException.ThrowIfNullOrWhiteSpace(instance.Token);
        Home = instance.Name;
        _displayName = instance.Name ?? "default";
        _token = instance.Token;
        _endpoint = HomeAssistantEndpoint.FromUrl(instance.Url);
        _options = options;
        _sink = sink;
        _httpClientFactory = httpClientFactory;
        _timeProvider = timeProvider;
        _status = status;
        _logger = logger;
        _filter = new EntityFilter(options.Include, options.Exclude);
        _eventTypes = options.EffectiveEventTypes;
        _certificateValidator = HomeAssistantTls.CreateValidator(options.CaFile);
        _reconnectPipeline = BuildReconnectPipeline();
        _duplicates = options.SkipRestartDuplicates ? new RestartDuplicateFilter(options.RestartDuplicateEntities) : null;
        _checkpoint = new LastEventCheckpoint(options.StatePath, instance.Name, logger);
        if (_checkpoint.Load() is { } lastSeen)
        {
            _lastEventTimeFiredTicks = lastSeen.UtcTicks;
        }
    }

    /// <summary>The instance's <c>home</c> name; null for a single unnamed instance.</summary>
    public string? Home { get; }

    /// <summary>Connects and stays connected until <paramref name="stoppingToken"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        if (!_filter.IsPassThrough)
        {
            Log.FilterActive(_logger, _displayName);
        }

        using var checkpointing = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var checkpointLoop = _checkpoint.IsEnabled ? SaveCheckpointsAsync(checkpointing.Token) : Task.CompletedTask;
        try
        {
            // Each session ends with an exception (lost, rejected, dead); the pipeline decides how long to wait.
            await _reconnectPipeline.ExecuteAsync(
                static (client, ct) => new ValueTask(client.RunSessionAsync(ct)), this, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            await checkpointing.CancelAsync().ConfigureAwait(false);
            await checkpointLoop.ConfigureAwait(false);
            if (LastEventTimeFired is { } last)
            {
                _checkpoint.Save(last);
            }

            _status.SetState(HomeAssistantConnectionState.Stopped);
            Log.Stopped(_logger, _displayName);
        }
    }

    /// <summary>Saves the last event time every few seconds off the receive loop; a restart re-reads at most that much.</summary>
    private async Task SaveCheckpointsAsync(CancellationToken cancellationToken)
    {
        long saved = NoTime;
        using var timer = new PeriodicTimer(CheckpointInterval, _timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                var current = Interlocked.Read(ref _lastEventTimeFiredTicks);
                if (current != saved && current != NoTime)
                {
                    _checkpoint.Save(new DateTimeOffset(current, TimeSpan.Zero));
                    saved = current;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private ResiliencePipeline BuildReconnectPipeline() =>
        new ResiliencePipelineBuilder { TimeProvider = _timeProvider }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = int.MaxValue,
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is not null && !args.Context.CancellationToken.IsCancellationRequested),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(NextDelay(args.Outcome.Exception)),
                OnRetry = args =>
                {
                    OnSessionFailed(args.Outcome.Exception!, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();

    /// <summary>
    /// A rejected token waits <see cref="HomeAssistantOptions.AuthFailureRetryDelay"/>; anything else backs off
    /// exponentially from the minimum with full jitter, counting failures since the last good connection.
    /// </summary>
    private TimeSpan NextDelay(Exception? exception)
    {
        if (exception is HomeAssistantAuthException)
        {
            return _options.AuthFailureRetryDelay;
        }

        var failures = Math.Min(Interlocked.Increment(ref _consecutiveFailures), 30);
        var min = _options.ReconnectMinDelay.Ticks;
        var cap = Math.Min(_options.ReconnectMaxDelay.Ticks, min * Math.Pow(2, failures - 1));
        return TimeSpan.FromTicks(min + (long)(Random.Shared.NextDouble() * Math.Max(0, cap - min)));
    }

    private void OnSessionFailed(Exception exception, TimeSpan delay)
    {
        if (exception is HomeAssistantAuthException)
        {
            _status.OnAuthFailure(exception.Message);
            if (!_authFailureReported)
            {
                _authFailureReported = true;
                Log.TokenRejected(_logger, _displayName, exception.Message, delay);
            }
            else
            {
                Log.TokenStillRejected(_logger, _displayName, delay);
            }

            return;
        }

        _status.OnError(exception.Message);
        _status.SetState(HomeAssistantConnectionState.Reconnecting);
        if (_unreachableSince is null)
        {
            // One warning per episode, with the plan; the attempts after it only at debug level.
            _unreachableSince = _timeProvider.GetUtcNow();
            Log.ConnectionLost(_logger, _displayName, exception.Message, delay, _options.ReconnectMinDelay, _options.ReconnectMaxDelay);
        }
        else
        {
            Log.StillUnreachable(_logger, _displayName, exception.Message, delay);
        }
    }
}
