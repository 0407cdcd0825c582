using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace HaIngestor.Adapters.InfluxDb;

/// <summary>
/// Whether the v2 bucket the settings name exists in their organization, asked with one
/// <c>GET /api/v2/buckets?org=&amp;name=</c> (the buckets API as InfluxDB 2.x and Cloud serve it): a wrong
/// <c>InfluxDb:Bucket</c> or <c>InfluxDb:Org</c> is then reported by <c>check</c> and the health check instead of by
/// the first write's 404. Run only by those, never on the write path. A plain request and <see cref="JsonDocument"/>
/// rather than InfluxDB.Client: that client reflects over its models (Newtonsoft.Json, RestSharp), which neither
/// trimming nor native AOT can follow, and this is all the connector asked of it.
/// </summary>
internal static class InfluxDbBucketCheck
{
    /// <summary>Null when the bucket was found; otherwise why not, naming the setting (never the token).</summary>
    /// <remarks>A token that may only write (InfluxDB Cloud's write tokens) cannot list buckets: that is no failure.</remarks>
    public static async Task<(bool Found, string Detail)> RunAsync(HttpClient client, InfluxDbOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        var uri = new Uri(
            InfluxDbEndpoints.BaseUri(options),
            "api/v2/buckets?org=" + Uri.EscapeDataString(options.Org ?? string.Empty) + "&name=" + Uri.EscapeDataString(options.Bucket ?? string.Empty));
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Token", options.Token);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        switch (response.StatusCode)
        {
            case HttpStatusCode.NotFound:
                return (false, string.Create(CultureInfo.InvariantCulture, $"organization '{options.Org}' does not exist (InfluxDb:Org)"));
            case HttpStatusCode.Unauthorized:
                return (false, "the token was refused (InfluxDb:Token)");
            case HttpStatusCode.Forbidden:
                return (true, "bucket not verified: the token may not list buckets (a write-only token); writes will tell");
            case var status when !response.IsSuccessStatusCode:
                return (false, string.Create(CultureInfo.InvariantCulture, $"the buckets API answered {(int)status}"));
        }

        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            using var json = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken).ConfigureAwait(false);
            var found = json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("buckets", out var buckets)
                && buckets.ValueKind == JsonValueKind.Array
                && buckets.EnumerateArray().Any(b => b.ValueKind == JsonValueKind.Object
                    && b.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String && name.GetString() == options.Bucket);
            return found
                ? (true, string.Create(CultureInfo.InvariantCulture, $"bucket '{options.Bucket}' found"))
                : (false, string.Create(CultureInfo.InvariantCulture, $"bucket '{options.Bucket}' does not exist in organization '{options.Org}' (InfluxDb:Bucket)"));
        }
    }
}
