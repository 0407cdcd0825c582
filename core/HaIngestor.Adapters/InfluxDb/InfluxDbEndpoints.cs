using System.Net.Http.Headers;
using System.Text;

namespace HaIngestor.Adapters.InfluxDb;

/// <summary>Shared names and URLs of the InfluxDB adapters.</summary>
internal static class InfluxDbEndpoints
{
    /// <summary>The named <see cref="HttpClient"/> used for writes and health probes.</summary>
    public const string HttpClientName = "HaIngestor.InfluxDb";

    /// <summary>The configured URL with a trailing slash, so relative paths keep any base path (e.g. behind a proxy).</summary>
    public static Uri BaseUri(InfluxDbOptions options)
    {
        var url = options.Url!;
        return new Uri(url.EndsWith('/') ? url : url + "/", UriKind.Absolute);
    }

    /// <summary>The v1 API's basic authentication header, or null when no user is configured.</summary>
    public static AuthenticationHeaderValue? BasicAuthorization(InfluxDbOptions options) =>
        string.IsNullOrEmpty(options.Username)
            ? null
            : new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.Username}:{options.Password}")));
}
