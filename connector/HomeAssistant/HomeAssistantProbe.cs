using System.Net;
using System.Net.Http.Headers;

namespace HaIngestor.Connector.HomeAssistant;

/// <summary>One-shot reachability and token check of a Home Assistant instance, for the <c>check</c> command.</summary>
public static class HomeAssistantProbe
{
    /// <summary>Checks with default timeouts and no extra CA.</summary>
    public static Task<HomeAssistantProbeResult> CheckAsync(HomeAssistantInstanceOptions instance, CancellationToken cancellationToken) =>
        CheckAsync(instance, new HomeAssistantOptions(), cancellationToken);

    /// <summary>
    /// <c>GET /api/</c> with the token, one WebSocket auth round trip, then the configured event subscriptions. Failures are returned, not thrown
    /// (except cancellation). <paramref name="options"/> supplies the timeout, the CA file and a fallback token.
    /// </summary>
    public static async Task<HomeAssistantProbeResult> CheckAsync(
        HomeAssistantInstanceOptions instance, HomeAssistantOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(options);
        var home = instance.Name;
        var token = string.IsNullOrWhiteSpace(instance.Token) ? options.Token : instance.Token;
        if (!HomeAssistantInstanceOptions.IsValidUrl(instance.Url))
        {
            return new(home, false, "The URL is missing or not an absolute http, https, ws or wss URL.", null);
        }

        if (string.IsNullOrWhiteSpace(token))
        {
            return new(home, false, "No access token is configured (HomeAssistant:Token / HOME_ASSISTANT_TOKEN).", null);
        }

        var endpoint = HomeAssistantEndpoint.FromUrl(instance.Url!);
        var validator = HomeAssistantTls.CreateValidator(options.CaFile);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.AuthTimeout);
        try
        {
            using var handler = new SocketsHttpHandler();
            if (validator is not null)
            {
                handler.SslOptions.RemoteCertificateValidationCallback = validator;
            }

            using var http = new HttpClient(handler, disposeHandler: false);
            using var request = new HttpRequestMessage(HttpMethod.Get, endpoint.Api);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(request, timeout.Token).ConfigureAwait(false);
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                return new(home, false, $"The token was rejected: GET {endpoint.Api} answered {(int)response.StatusCode}.", null);
            }

            if (!response.IsSuccessStatusCode)
            {
                return new(home, false, $"GET {endpoint.Api} answered {(int)response.StatusCode} {response.ReasonPhrase}.", null);
            }

            await using var connection = await HomeAssistantConnection.ConnectAsync(endpoint.WebSocket, validator, timeout.Token, options.Compression)
                .ConfigureAwait(false);
            var version = await connection.AuthenticateAsync(token, timeout.Token).ConfigureAwait(false);
            var accepted = $"Token accepted by {endpoint.Api} and {endpoint.WebSocket} (Home Assistant {version}).";

            // The subscriptions the connector would make: a token of a user who is not an admin gets some refused.
            using var receiving = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token);
            var receive = connection.RunReceiveLoopAsync(IgnoreMessages.Instance, receiving.Token);
            try
            {
                var outcome = await EventSubscriptions.SubscribeAsync(connection, options.EffectiveEventTypes, null, timeout.Token).ConfigureAwait(false);
                return new(home, true, accepted, version)
                {
                    SubscribedEventTypes = outcome.Subscribed,
                    RefusedEventTypes = outcome.Refused,
                    SubscriptionProblem = outcome.Explanation,
                };
            }
            finally
            {
                await receiving.CancelAsync().ConfigureAwait(false);
                connection.Close(new OperationCanceledException("Check done."));
                await receive.ContinueWith(static _ => { }, TaskScheduler.Default).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new(home, false, $"No answer from {endpoint.Api} within {options.AuthTimeout}.", null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new(home, false, $"{endpoint.WebSocket.Host}:{endpoint.WebSocket.Port}: {ex.Message}", null);
        }
    }

    /// <summary>The check only waits for replies; events that arrive meanwhile are of no interest.</summary>
    private sealed class IgnoreMessages : IHomeAssistantMessageHandler
    {
        public static readonly IgnoreMessages Instance = new();

        public void OnEvent(in HaIngestor.Core.Parsing.HaMessage message)
        {
        }

        public void OnMalformed(string error)
        {
        }
    }
}
