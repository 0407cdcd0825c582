using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace HaIngestor.Adapters.Retention;

/// <summary>
/// Read-only InfluxQL over the v1-compatible <c>GET /query</c> endpoint, which InfluxDB 1.x, 2.x and Cloud
/// Serverless (3.x) all serve. Answers are requested chunked and read one chunk (one JSON line) at a time, so a
/// large answer never sits in memory whole.
/// </summary>
internal sealed class InfluxQlReader
{
    private readonly HttpClient _http;
    private readonly Uri _queryUri;
    private readonly string _database;
    private readonly string? _retentionPolicy;
    private readonly AuthenticationHeaderValue? _authorization;

    public InfluxQlReader(HttpClient http, Uri baseUri, string database, string? retentionPolicy, AuthenticationHeaderValue? authorization)
    {
        _http = http;
        _queryUri = new Uri(baseUri, "query");
        _database = database;
        _retentionPolicy = string.IsNullOrWhiteSpace(retentionPolicy) ? null : retentionPolicy;
        _authorization = authorization;
    }

    /// <summary>The database queried (for messages; never holds a secret).</summary>
    public string Database => _database;

    /// <summary>Runs <paramref name="statement"/> and hands every series of the answer to <paramref name="onSeries"/>, chunk by chunk.</summary>
    public async Task ReadSeriesAsync(string statement, int chunkSize, Func<JsonElement, ValueTask> onSeries, CancellationToken cancellationToken)
    {
        var query = new StringBuilder("?db=").Append(Uri.EscapeDataString(_database));
        if (_retentionPolicy is not null)
        {
            query.Append("&rp=").Append(Uri.EscapeDataString(_retentionPolicy));
        }

        query.Append("&epoch=ms&chunked=true&chunk_size=").Append(chunkSize.ToString(CultureInfo.InvariantCulture))
            .Append("&q=").Append(Uri.EscapeDataString(statement));
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_queryUri + query.ToString()));
        request.Headers.Authorization = _authorization;
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new InvalidOperationException(
                $"InfluxDB /query on database '{_database}' answered {(int)response.StatusCode} to '{Shorten(statement)}': {Shorten(body)}");
        }

        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var reader = new StreamReader(stream, Encoding.UTF8);
            while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
            {
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                using var document = JsonDocument.Parse(line);
                await ReadChunkAsync(document.RootElement, statement, onSeries).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The first column of every row of every series, e.g. the names a <c>SHOW</c> statement lists.</summary>
    public async Task<List<string>> ReadFirstColumnAsync(string statement, int chunkSize, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        await ReadSeriesAsync(
            statement,
            chunkSize,
            series =>
            {
                foreach (var row in Values(series))
                {
                    if (row.GetArrayLength() > 0 && row[0].GetString() is { Length: > 0 } name)
                    {
                        names.Add(name);
                    }
                }

                return ValueTask.CompletedTask;
            },
            cancellationToken).ConfigureAwait(false);
        return names;
    }

    /// <summary>The rows of a series (none when it has no <c>values</c>).</summary>
    public static IEnumerable<JsonElement> Values(JsonElement series) =>
        series.TryGetProperty("values", out var values) && values.ValueKind == JsonValueKind.Array
            ? values.EnumerateArray()
            : [];

    private async Task ReadChunkAsync(JsonElement root, string statement, Func<JsonElement, ValueTask> onSeries)
    {
        if (root.TryGetProperty("error", out var topError))
        {
            throw new InvalidOperationException($"InfluxDB /query on database '{_database}' refused '{Shorten(statement)}': {topError}");
        }

        if (!root.TryGetProperty("results", out var results))
        {
            return;
        }

        foreach (var result in results.EnumerateArray())
        {
            if (result.TryGetProperty("error", out var error))
            {
                throw new InvalidOperationException($"InfluxDB /query on database '{_database}' refused '{Shorten(statement)}': {error.GetString()}");
            }

            if (result.TryGetProperty("series", out var series))
            {
                foreach (var item in series.EnumerateArray())
                {
                    await onSeries(item).ConfigureAwait(false);
                }
            }
        }
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "...";
}
