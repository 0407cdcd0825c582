namespace HaIngestor.Adapters.InfluxDb;

/// <summary>A write request's answer: status, error body and the server's <c>Retry-After</c>, if any.</summary>
internal readonly record struct InfluxWriteResponse(int StatusCode, string? Body, TimeSpan? RetryAfter)
{
    public bool IsSuccess => StatusCode is >= 200 and < 300;

    /// <summary>Worth retrying: throttled or a server-side failure.</summary>
    public bool IsTransient => StatusCode is 408 or 429 || StatusCode >= 500;

    public bool IsAuthenticationFailure => StatusCode is 401 or 403;
}
