using System.Net;
using System.Net.Http.Headers;

namespace HaIngestor.Connector.HomeAssistant;

internal sealed partial class HomeAssistantClient
{
    private bool _everConnected;
    private DateTimeOffset? _lastConnectedAt;

    /// <summary>One connection from token check to loss; always ends with an exception.</summary>
    private async Task RunSessionAsync(CancellationToken stoppingToken)
    {
        // What was seen before this gap decides what catch-up must re-read; live events of the new session move it on.
        var catchUpSince = LastEventTimeFired ?? _lastConnectedAt;

        if (_status.State != HomeAssistantConnectionState.AuthFailed)
        {
            _status.SetState(_everConnected ? HomeAssistantConnectionState.Reconnecting : HomeAssistantConnectionState.Connecting);
        }

        if (_unreachableSince is null)
        {
            Log.Connecting(_logger, _displayName, _endpoint.WebSocket);
        }
        else
        {
            Log.Reconnecting(_logger, _displayName, _endpoint.WebSocket);
        }

        await CheckTokenAsync(stoppingToken).ConfigureAwait(false);

        HomeAssistantConnection connection;
        string? haVersion;
        using (var authTimeout = new CancellationTokenSource(_options.AuthTimeout, _timeProvider))
        using (var authToken = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, authTimeout.Token))
        {
            try
            {
                connection = await HomeAssistantConnection.ConnectAsync(_endpoint.WebSocket, _certificateValidator, authToken.Token, _options.Compression)
                    .ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (authTimeout.IsCancellationRequested && !stoppingToken.IsCancellationRequested)
            {
                throw new HomeAssistantConnectionLostException($"WebSocket connect did not complete within {_options.AuthTimeout}.");
            }

            try
            {
                _status.SetState(HomeAssistantConnectionState.Authenticating);
                haVersion = await connection.AuthenticateAsync(_token, authToken.Token).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
                if (ex is OperationCanceledException && authTimeout.IsCancellationRequested && !stoppingToken.IsCancellationRequested)
                {
                    throw new HomeAssistantConnectionLostException($"The auth handshake did not complete within {_options.AuthTimeout}.");
                }

                throw;
            }
        }

        await using (connection.ConfigureAwait(false))
        {
            using var session = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var receive = connection.RunReceiveLoopAsync(this, session.Token);
            var ping = PingLoopAsync(connection, session.Token);
            var setUp = SetUpAsync(connection, haVersion, catchUpSince, session.Token);
            var refresh = RegistryRefreshLoopAsync(connection, session.Token);
            try
            {
                var first = await Task.WhenAny(receive, ping, setUp).ConfigureAwait(false);
                if (first == setUp)
                {
                    await setUp.ConfigureAwait(false);
                    first = await Task.WhenAny(receive, ping).ConfigureAwait(false);
                }

                await first.ConfigureAwait(false);
                stoppingToken.ThrowIfCancellationRequested();
                throw new HomeAssistantConnectionLostException("Home Assistant closed the connection.");
            }
            finally
            {
                await session.CancelAsync().ConfigureAwait(false);
                connection.Close(new HomeAssistantConnectionLostException("Session ended."));
                await Task.WhenAll(receive, ping, setUp, refresh).ContinueWith(static _ => { }, TaskScheduler.Default).ConfigureAwait(false);
                if (_status.State == HomeAssistantConnectionState.Connected)
                {
                    _status.SetState(HomeAssistantConnectionState.Reconnecting);
                }
            }
        }
    }

    /// <summary><c>GET /api/</c> with the token: a 401 here costs no WebSocket login attempt.</summary>
    private async Task CheckTokenAsync(CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_options.AuthTimeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        using var request = new HttpRequestMessage(HttpMethod.Get, _endpoint.Api);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        var client = _httpClientFactory.CreateClient(HttpClientName);
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new HomeAssistantConnectionLostException($"GET {_endpoint.Api} did not answer within {_options.AuthTimeout}.");
        }

        using (response)
        {
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                throw new HomeAssistantAuthException($"GET {_endpoint.Api} answered {(int)response.StatusCode} {response.ReasonPhrase}.");
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new HomeAssistantConnectionLostException($"GET {_endpoint.Api} answered {(int)response.StatusCode} {response.ReasonPhrase}.");
            }
        }
    }

    /// <summary>Features, registries, subscriptions, then catch-up: subscribing before <c>get_states</c> leaves no hole.</summary>
    private async Task SetUpAsync(HomeAssistantConnection connection, string? haVersion, DateTimeOffset? catchUpSince, CancellationToken cancellationToken)
    {
        // HA wants supported_features as the first command; coalescing cuts frames per event under load. A version
        // without the command answers unknown_command; it then sends one message per frame, which reads the same.
        using (await connection.SendCommandAsync("supported_features", static w =>
        {
            w.WriteStartObject("features"u8);
            w.WriteNumber("coalesce_messages"u8, 1);
            w.WriteEndObject();
        }, cancellationToken).ConfigureAwait(false))
        {
        }

        await LoadRegistriesAsync(connection, cancellationToken).ConfigureAwait(false);
        await SubscribeRegistryUpdatesAsync(connection, cancellationToken).ConfigureAwait(false);

        // Live events that arrive while get_states runs are newer than its snapshot: track them to skip stale catch-up.
        if (catchUpSince is not null)
        {
            OpenCatchUpWindow();
        }

        var subscriptions = await EventSubscriptions.SubscribeAsync(
            connection,
            _eventTypes,
            (eventType, reason) => Log.SubscriptionRefused(_logger, _displayName, eventType, reason),
            cancellationToken).ConfigureAwait(false);

        var isReconnect = _everConnected;
        _everConnected = true;
        _authFailureReported = false;
        var failedAttempts = Interlocked.Exchange(ref _consecutiveFailures, 0);
        _lastConnectedAt = _timeProvider.GetUtcNow();
        _status.OnConnected(haVersion, isReconnect);
        _status.OnSubscriptions(subscriptions);
        var subscribed = subscriptions.Subscribed.Count == 0 ? "nothing" : string.Join(", ", subscriptions.Subscribed);
        if (_unreachableSince is { } unreachableSince)
        {
            // The recovery line of the episode the first failure opened.
            _unreachableSince = null;
            var outage = TimeSpan.FromSeconds(Math.Round(Math.Max(0, (_lastConnectedAt.Value - unreachableSince).TotalSeconds), 1));
            Log.Reconnected(_logger, _displayName, outage, failedAttempts, haVersion, subscribed);
        }
        else
        {
            Log.Connected(_logger, _displayName, haVersion, subscribed);
        }
        ReportRefusals(subscriptions);

        if (catchUpSince is { } since)
        {
            await CatchUpAsync(connection, since, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Application-level ping; a missing pong means a dead connection even when TCP looks fine.</summary>
    private async Task PingLoopAsync(HomeAssistantConnection connection, CancellationToken cancellationToken)
    {
        while (true)
        {
            await Task.Delay(_options.PingInterval, _timeProvider, cancellationToken).ConfigureAwait(false);
            var pong = connection.SendCommandAsync("ping", null, cancellationToken);
            try
            {
                using var reply = await pong.WaitAsync(_options.PongTimeout, _timeProvider, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                Log.NoPong(_logger, _displayName, _options.PongTimeout);
                _ = pong.ContinueWith(static t => t.Exception, TaskScheduler.Default);
                throw new HomeAssistantConnectionLostException($"No pong within {_options.PongTimeout}.");
            }
        }
    }
}
