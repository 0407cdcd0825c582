using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace HaIngestor.TestUtilities;

/// <summary>
/// A uniquely named database on the real InfluxDB 1.x test server (v1 API: /write and /query), dropped on dispose,
/// so parallel tests and runs never see each other's points.
/// </summary>
public sealed class InfluxDbTestDatabase : IAsyncDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(60) };

    private InfluxDbTestDatabase(Uri baseUrl, string name)
    {
        BaseUrl = baseUrl;
        Name = name;
    }

    /// <summary>The server's base URL.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The database name (letters, digits and underscores only).</summary>
    public string Name { get; }

    /// <summary>Creates a fresh database on <see cref="TestServers.InfluxDbUrl"/> (or <paramref name="baseUrl"/>).</summary>
    public static async Task<InfluxDbTestDatabase> CreateAsync(string prefix = "test", Uri? baseUrl = null)
    {
        var url = baseUrl ?? TestServers.InfluxDbUrl;
        var safePrefix = new string(prefix.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray());
        var name = $"{safePrefix}_{Guid.NewGuid():N}";
        var database = new InfluxDbTestDatabase(url, name);
        await database.ExecuteAsync($"CREATE DATABASE \"{name}\"", useDatabase: false).ConfigureAwait(false);
        return database;
    }

    /// <summary>Writes line protocol with POST /write?db=..&amp;precision=..; returns status and body, never throws on a 4xx.</summary>
    public async Task<InfluxWriteResponse> WriteAsync(string lines, string precision = "ms")
    {
        ArgumentNullException.ThrowIfNull(lines);
        return await WriteAsync(Encoding.UTF8.GetBytes(lines), precision).ConfigureAwait(false);
    }

    /// <summary>Writes UTF-8 line protocol bytes as they are, so a test sees exactly what a writer produced.</summary>
    public async Task<InfluxWriteResponse> WriteAsync(byte[] lines, string precision = "ms")
    {
        ArgumentNullException.ThrowIfNull(lines);
        var uri = new Uri(BaseUrl, $"write?db={Uri.EscapeDataString(Name)}&precision={Uri.EscapeDataString(precision)}");
        using var content = new ByteArrayContent(lines);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/plain") { CharSet = "utf-8" };
        using var response = await Http.PostAsync(uri, content).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        return new InfluxWriteResponse(response.StatusCode, body);
    }

    /// <summary>
    /// Runs an InfluxQL query against this database and returns every series of every statement.
    /// Times come back as integers in <paramref name="epoch"/> units (default milliseconds).
    /// An error in the answer fails the test with InfluxDB's message.
    /// </summary>
    public async Task<IReadOnlyList<InfluxSeries>> QueryAsync(string influxql, string epoch = "ms")
    {
        using var document = await ExecuteAsync(influxql, useDatabase: true, epoch).ConfigureAwait(false);
        var series = new List<InfluxSeries>();
        foreach (var result in document.RootElement.GetProperty("results").EnumerateArray())
        {
            if (!result.TryGetProperty("series", out var seriesArray))
            {
                continue;
            }

            foreach (var item in seriesArray.EnumerateArray())
            {
                series.Add(ReadSeries(item));
            }
        }

        return series;
    }

    /// <summary>Drops the database.</summary>
    public async ValueTask DisposeAsync()
    {
        using var _ = await ExecuteAsync($"DROP DATABASE \"{Name}\"", useDatabase: false).ConfigureAwait(false);
    }

    private async Task<JsonDocument> ExecuteAsync(string influxql, bool useDatabase, string? epoch = null)
    {
        var form = new List<KeyValuePair<string, string>> { new("q", influxql) };
        if (useDatabase)
        {
            form.Add(new("db", Name));
        }

        if (epoch is not null)
        {
            form.Add(new("epoch", epoch));
        }

        using var content = new FormUrlEncodedContent(form);
        using var response = await Http.PostAsync(new Uri(BaseUrl, "query"), content).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            Assert.Fail($"InfluxDB /query answered {(int)response.StatusCode} to '{Shorten(influxql)}': {body}");
        }

        var document = JsonDocument.Parse(body);
        foreach (var result in document.RootElement.GetProperty("results").EnumerateArray())
        {
            if (result.TryGetProperty("error", out var error))
            {
                document.Dispose();
                Assert.Fail($"InfluxDB /query error for '{Shorten(influxql)}': {error.GetString()}");
            }
        }

        return document;
    }

    private static InfluxSeries ReadSeries(JsonElement item)
    {
        var name = item.TryGetProperty("name", out var n) ? n.GetString() ?? string.Empty : string.Empty;
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        if (item.TryGetProperty("tags", out var tagObject) && tagObject.ValueKind == JsonValueKind.Object)
        {
            foreach (var tag in tagObject.EnumerateObject())
            {
                tags[tag.Name] = tag.Value.GetString() ?? string.Empty;
            }
        }

        var columns = item.GetProperty("columns").EnumerateArray().Select(c => c.GetString() ?? string.Empty).ToArray();
        var values = new List<IReadOnlyList<JsonElement>>();
        if (item.TryGetProperty("values", out var rows))
        {
            foreach (var row in rows.EnumerateArray())
            {
                values.Add(row.EnumerateArray().Select(v => v.Clone()).ToArray());
            }
        }

        return new InfluxSeries(name, tags, columns, values);
    }

    private static string Shorten(string text) =>
        text.Length <= 200 ? text : string.Create(CultureInfo.InvariantCulture, $"{text.AsSpan(0, 200)}...");
}
