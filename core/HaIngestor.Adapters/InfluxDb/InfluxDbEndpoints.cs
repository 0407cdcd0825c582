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
}
