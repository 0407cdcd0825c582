using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace HaIngestor.Adapters.Retention;

/// <summary>
/// Applies the retention scheme (raw one year, daily summaries five years) to an InfluxDB 1.x database through the
/// v1 <c>/query</c> API, idempotently: policies are created or altered, and the continuous query replaced only when
/// its text differs. InfluxDB 2.x and Cloud use bucket retention and a task instead (docs/SCHEMA.md).
/// </summary>
public sealed class InfluxV1RetentionManager
{
    private readonly HttpClient _http;
    private readonly InfluxV1Connection _connection;
    private readonly InfluxQlRetentionPlan _plan;
    private readonly RetentionOptions _options;

    /// <summary>Creates the manager; <paramref name="http"/> is used as is (timeouts are the caller's).</summary>
    public InfluxV1RetentionManager(HttpClient http, InfluxV1Connection connection, RetentionOptions options)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(options);
        _http = http;
        _connection = connection;
        _options = options;
        _plan = new InfluxQlRetentionPlan(connection.Database, options);
    }

    /// <summary>Brings the database to the configured scheme; returns what changed.</summary>
    public async Task<RetentionReport> ApplyAsync(CancellationToken cancellationToken)
    {
        var actions = new List<string>();
        await ExecuteAsync($"CREATE DATABASE {InfluxQlRetentionPlan.Ident(_connection.Database)}", useDatabase: false, cancellationToken).ConfigureAwait(false);

        var policies = await ReadPoliciesAsync(cancellationToken).ConfigureAwait(false);
        await EnsurePolicyAsync(policies, _options.RawPolicy, _options.RawDuration, mustBeDefault: true, _plan.CreateRawPolicy(), _plan.AlterRawPolicy(), actions, cancellationToken).ConfigureAwait(false);
        await EnsurePolicyAsync(policies, _options.SummaryPolicy, _options.SummaryDuration, mustBeDefault: false, _plan.CreateSummaryPolicy(), _plan.AlterSummaryPolicy(), actions, cancellationToken).ConfigureAwait(false);

        var wanted = _plan.CreateContinuousQuery();
        var existing = await ReadContinuousQueryAsync(cancellationToken).ConfigureAwait(false);
        if (existing is null || !SameQuery(existing, wanted))
        {
            if (existing is not null)
            {
                await ExecuteAsync(_plan.DropContinuousQuery(), useDatabase: true, cancellationToken).ConfigureAwait(false);
            }

            await ExecuteAsync(wanted, useDatabase: true, cancellationToken).ConfigureAwait(false);
            actions.Add(existing is null
                ? $"created continuous query {_options.ContinuousQuery}"
                : $"replaced continuous query {_options.ContinuousQuery}");
        }

        return new RetentionReport(actions);
    }

    /// <summary>Builds the daily summaries of whole days in [from, to), e.g. after importing history.</summary>
    public Task BackfillAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        ExecuteAsync(_plan.Backfill(from, to), useDatabase: true, cancellationToken);

    private async Task EnsurePolicyAsync(
        IReadOnlyDictionary<string, (TimeSpan Duration, bool IsDefault)> policies,
        string name,
        TimeSpan duration,
        bool mustBeDefault,
        string create,
        string alter,
        List<string> actions,
        CancellationToken cancellationToken)
    {
        var wantedDuration = TimeSpan.FromHours(Math.Ceiling(duration.TotalHours));
        if (!policies.TryGetValue(name, out var current))
        {
            await ExecuteAsync(create, useDatabase: false, cancellationToken).ConfigureAwait(false);
            actions.Add($"created retention policy {name} ({wantedDuration.TotalDays:0.##} days)");
        }
        else if (current.Duration != wantedDuration || (mustBeDefault && !current.IsDefault))
        {
            await ExecuteAsync(alter, useDatabase: false, cancellationToken).ConfigureAwait(false);
            actions.Add($"altered retention policy {name} ({wantedDuration.TotalDays:0.##} days)");
        }
    }

    private async Task<Dictionary<string, (TimeSpan Duration, bool IsDefault)>> ReadPoliciesAsync(CancellationToken cancellationToken)
    {
        using var document = await ExecuteAsync($"SHOW RETENTION POLICIES ON {InfluxQlRetentionPlan.Ident(_connection.Database)}", useDatabase: false, cancellationToken).ConfigureAwait(false);
        var policies = new Dictionary<string, (TimeSpan, bool)>(StringComparer.Ordinal);
        foreach (var row in Rows(document, seriesName: null))
        {
            var name = row.GetValueOrDefault("name").GetString() ?? string.Empty;
            var duration = InfluxDuration.Parse(row.GetValueOrDefault("duration").GetString() ?? "0s");
            var isDefault = row.TryGetValue("default", out var d) && d.ValueKind == JsonValueKind.True;
            policies[name] = (duration, isDefault);
        }

        return policies;
    }

    private async Task<string?> ReadContinuousQueryAsync(CancellationToken cancellationToken)
    {
        using var document = await ExecuteAsync("SHOW CONTINUOUS QUERIES", useDatabase: false, cancellationToken).ConfigureAwait(false);
        foreach (var row in Rows(document, seriesName: _connection.Database))
        {
            if (row.GetValueOrDefault("name").GetString() == _options.ContinuousQuery)
            {
                return row.GetValueOrDefault("query").GetString();
            }
        }

        return null;
    }

    // InfluxDB stores the statement re-rendered (identifier quoting may differ), so compare without quotes and spaces.
    private static bool SameQuery(string stored, string wanted) => Canonical(stored) == Canonical(wanted);

    private static string Canonical(string query)
    {
        var builder = new StringBuilder(query.Length);
        foreach (var c in query)
        {
            if (c is not ('"' or ' '))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }

    private static IEnumerable<Dictionary<string, JsonElement>> Rows(JsonDocument document, string? seriesName)
    {
        foreach (var result in document.RootElement.GetProperty("results").EnumerateArray())
        {
            if (!result.TryGetProperty("series", out var series))
            {
                continue;
            }

            foreach (var item in series.EnumerateArray())
            {
                if (seriesName is not null && (!item.TryGetProperty("name", out var name) || name.GetString() != seriesName))
                {
                    continue;
                }

                if (!item.TryGetProperty("values", out var values))
                {
                    continue;
                }

                var columns = item.GetProperty("columns").EnumerateArray().Select(c => c.GetString() ?? string.Empty).ToArray();
                foreach (var value in values.EnumerateArray())
                {
                    var row = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
                    var i = 0;
                    foreach (var cell in value.EnumerateArray())
                    {
                        row[columns[i++]] = cell.Clone();
                    }

                    yield return row;
                }
            }
        }
    }

    private async Task<JsonDocument> ExecuteAsync(string statement, bool useDatabase, CancellationToken cancellationToken)
    {
        var form = new List<KeyValuePair<string, string>> { new("q", statement) };
        if (useDatabase)
        {
            form.Add(new("db", _connection.Database));
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_connection.Url, "query"))
        {
            Content = new FormUrlEncodedContent(form),
        };
        if (_connection.Username is not null)
        {
            var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_connection.Username}:{_connection.Password}"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", credentials);
        }

        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"InfluxDB at {_connection.Url} answered {(int)response.StatusCode} to a retention statement: {Trim(body)}");
        }

        var document = JsonDocument.Parse(body);
        foreach (var result in document.RootElement.GetProperty("results").EnumerateArray())
        {
            if (result.TryGetProperty("error", out var error))
            {
                document.Dispose();
                throw new InvalidOperationException($"InfluxDB refused a retention statement: {error.GetString()}");
            }
        }

        return document;
    }

    private static string Trim(string body) => body.Length <= 300 ? body : body[..300] + "...";
}
