using System.Globalization;
using System.Text;
using HaIngestor.Core.Sinks;

namespace HaIngestor.Adapters.InfluxDb;

internal sealed partial class InfluxDbSink
{
    /// <summary>Bisection steps allowed per write call: enough to single out dozens of bad lines among 10,000.</summary>
    internal const int MaxIsolationRequests = 256;

    /// <summary>
    /// Writes a set of lines; on a rejection (400, 422) or a too-large answer (413) narrows down to the lines at fault:
    /// lines InfluxDB names are taken out at once, otherwise the set is halved until single lines remain. Good lines
    /// may be sent twice on the way, which is harmless: a point with the same series and timestamp overwrites itself.
    /// </summary>
    private async Task WriteLinesAsync(LineBatch batch, LineSet set, Rejection rejection, CancellationToken cancellationToken)
    {
        var response = await SendAsync(batch.Body(set), cancellationToken).ConfigureAwait(false);
        if (response.IsSuccess || response.StatusCode is 400 or 413 or 422)
        {
            // The server answered about the data itself: whatever outage there was is over.
            _outage?.Succeeded();
        }

        if (response.IsSuccess)
        {
            return;
        }

        if (response.StatusCode == 413)
        {
            if (set.Count == 1)
            {
                rejection.Add(set[0], "line larger than the server's request size limit (HTTP 413)");
                return;
            }

            await BisectAsync(batch, set, rejection, cancellationToken, "line larger than the server's request size limit (HTTP 413)").ConfigureAwait(false);
            return;
        }

        if (response.StatusCode is not (400 or 422))
        {
            _outage?.Failed("InfluxDB", string.Create(CultureInfo.InvariantCulture, $"HTTP {response.StatusCode}"));
            throw new SinkUnavailableException(string.Create(
                CultureInfo.InvariantCulture,
                $"InfluxDB refused the write (HTTP {response.StatusCode}): {InfluxDbError.Parse(response.Body).Message}"));
        }

        var error = InfluxDbError.Parse(response.Body);
        if (set.Count == 1 || error.Dropped == set.Count)
        {
            for (var i = 0; i < set.Count; i++)
            {
                rejection.Add(set[i], error.Message);
            }

            return;
        }

        var named = FindNamedLines(batch, set, error.UnparsableLines);
        foreach (var number in error.LineNumbers)
        {
            if (number >= 1 && number <= set.Count)
            {
                named.Add(set[number - 1]);
            }
        }

        if (named.Count > 0)
        {
            foreach (var line in named)
            {
                rejection.Add(line, error.Message);
            }

            var rest = set.Without(named);
            if (rest.Count > 0)
            {
                await WriteLinesAsync(batch, rest, rejection, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        await BisectAsync(batch, set, rejection, cancellationToken, error.Message).ConfigureAwait(false);
    }

    private async Task BisectAsync(LineBatch batch, LineSet set, Rejection rejection, CancellationToken cancellationToken, string? reason = null)
    {
        // A rejection that is not about particular lines (e.g. a proxy refusing every body) would otherwise cost two
        // requests per line; past the budget the remaining suspects are refused together, to be replayed later.
        if (++rejection.IsolationRequests > MaxIsolationRequests)
        {
            for (var i = 0; i < set.Count; i++)
            {
                rejection.Add(set[i], reason ?? "refused by InfluxDB (not narrowed down further)");
            }

            return;
        }

        var (first, second) = set.Halve();
        await WriteLinesAsync(batch, first, rejection, cancellationToken).ConfigureAwait(false);
        await WriteLinesAsync(batch, second, rejection, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends one request through the retry pipeline; maps what retries cannot fix to <see cref="SinkUnavailableException"/>.</summary>
    private async Task<InfluxWriteResponse> SendAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        InfluxWriteResponse response;
        try
        {
            response = await _retry.ExecuteAsync(
                static (state, token) => new ValueTask<InfluxWriteResponse>(state.Transport.WriteAsync(state.Body, token)),
                (Transport: _transport, Body: body),
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (InfluxDbRetry.IsTransportFailure(ex, cancellationToken))
        {
            _outage?.Failed("InfluxDB", $"{ex.GetType().Name}: {ex.Message}");
            throw new SinkUnavailableException(
                string.Create(CultureInfo.InvariantCulture, $"InfluxDB is unreachable after {_options.MaxRetryAttempts} retries: {ex.Message}"),
                ex);
        }

        if (response.IsAuthenticationFailure)
        {
            var setting = _options.ApiVersion == InfluxDbApiVersion.V2
                ? "InfluxDb:Token (and its write permission on InfluxDb:Bucket)"
                : "InfluxDb:Username and InfluxDb:Password";
            throw new SinkUnavailableException(
                string.Create(CultureInfo.InvariantCulture, $"InfluxDB refused the credentials (HTTP {response.StatusCode}): check {setting}."),
                null,
                isAuthenticationFailure: true);
        }

        if (response.IsTransient)
        {
            _outage?.Failed("InfluxDB", string.Create(CultureInfo.InvariantCulture, $"HTTP {response.StatusCode}"));
            throw new SinkUnavailableException(string.Create(
                CultureInfo.InvariantCulture,
                $"InfluxDB is unavailable after {_options.MaxRetryAttempts} retries (HTTP {response.StatusCode}): {InfluxDbError.Parse(response.Body).Message}"));
        }

        return response;
    }

    private static HashSet<int> FindNamedLines(LineBatch batch, LineSet set, IReadOnlyList<string> unparsable)
    {
        var named = new HashSet<int>();
        if (unparsable.Count == 0)
        {
            return named;
        }

        var wanted = new HashSet<string>(unparsable, StringComparer.Ordinal);
        for (var i = 0; i < set.Count; i++)
        {
            var line = batch.Line(set[i]).Span;
            if (line.Length > 0 && line[^1] == (byte)'\n')
            {
                line = line[..^1];
            }

            if (wanted.Contains(Encoding.UTF8.GetString(line)))
            {
                named.Add(set[i]);
            }
        }

        return named;
    }
}
