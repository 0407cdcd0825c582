using System.Net.Http.Headers;

namespace HaIngestor.Adapters.InfluxDb;

/// <summary>
/// The typed HTTP client both write APIs post through: one request per call with the writer's buffer as the body
/// (<see cref="LineProtocolContent"/>), answered as status, error body and <c>Retry-After</c>. Retries are not here
/// but in the sink's pipeline, which also splits refused requests down to the lines at fault.
/// </summary>
internal sealed class InfluxDbWriteClient(HttpClient httpClient, TimeProvider timeProvider)
{
    public async Task<InfluxWriteResponse> PostAsync(
        Uri uri, AuthenticationHeaderValue? authorization, ReadOnlyMemory<byte> lines, bool gzip, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, uri);
        request.Headers.Authorization = authorization;
        request.Content = new LineProtocolContent(lines, gzip);
        using var response = await httpClient.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        var status = (int)response.StatusCode;
        var body = status is >= 200 and < 300
            ? null
            : await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return new InfluxWriteResponse(status, body, RetryAfter(response.Headers.RetryAfter));
    }

    private TimeSpan? RetryAfter(RetryConditionHeaderValue? header) => header switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - timeProvider.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };
}
