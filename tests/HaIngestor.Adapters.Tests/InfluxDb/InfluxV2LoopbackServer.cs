using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using HaIngestor.TestUtilities;

namespace HaIngestor.Adapters.Tests.InfluxDb;

/// <summary>
/// A loopback stand-in for the InfluxDB v2 write API: accepts <c>POST /api/v2/write?org=&amp;bucket=&amp;precision=</c>
/// with <c>Authorization: Token ...</c> (and the v1 <c>POST /write?db=</c>), unzips gzip bodies and stores them in the real InfluxDB 1.x (bucket as
/// database), answering with InfluxDB's own status and body. Scripted failures are answered first, in order. Also
/// the v1-compatible <c>GET /query</c> of Cloud Serverless, with the token, forwarded to the real server (the DBRP
/// database name taken as the real database).
/// </summary>
internal sealed class InfluxV2LoopbackServer : IAsyncDisposable
{
    private static readonly HttpClient Forwarder = new() { Timeout = TimeSpan.FromSeconds(60) };
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<ScriptedAnswer> _script = new();
    private readonly Task _loop;
    private readonly Uri _influxDb;

    public InfluxV2LoopbackServer(Uri influxDb, string token, string org)
    {
        _influxDb = influxDb;
        Token = token;
        Org = org;
        var port = FreePort.Get();
        Url = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
        _listener.Prefixes.Add(Url.ToString());
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public Uri Url { get; }

    public string Token { get; }

    /// <summary>False for a write-only token, as InfluxDB Cloud's "write" API tokens are: bucket lookups get 403.</summary>
    public bool TokenCanReadBuckets { get; set; } = true;

    public string Org { get; }

    /// <summary>Write requests received (scripted answers included).</summary>
    public int WriteRequests => Volatile.Read(ref _writeRequests);

    /// <summary>Write requests that arrived gzip-compressed.</summary>
    public int GzipRequests => Volatile.Read(ref _gzipRequests);

    /// <summary>Every write request's precision parameter.</summary>
    public ConcurrentQueue<string> Precisions { get; } = new();

    /// <summary>The bucket (or v1 database) of every write request.</summary>
    public ConcurrentQueue<string> WriteBuckets { get; } = new();

    /// <summary>Every v2 write request as it arrived: content type, whether it came chunked, and its decompressed body.</summary>
    public ConcurrentQueue<ReceivedWrite> V2Writes { get; } = new();

    /// <summary>The query string of every <c>/query</c> request, in order.</summary>
    public ConcurrentQueue<string> Queries { get; } = new();

    private int _writeRequests;
    private volatile ScriptedAnswer? _always;
    private int _gzipRequests;

    /// <summary>Answers the next write request with <paramref name="status"/> instead of forwarding it.</summary>
    public void Fail(int status, string body = "", int? retryAfterSeconds = null) =>
        _script.Enqueue(new ScriptedAnswer(status, body, retryAfterSeconds));

    /// <summary>Answers every write request from now on with <paramref name="status"/>, after any scripted answers.</summary>
    public void FailAlways(int status, string body) => _always = new ScriptedAnswer(status, body, null);

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (HttpListenerException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var response = context.Response;
        try
        {
            if (request.HttpMethod == "GET" && request.Url!.AbsolutePath == "/health")
            {
                await AnswerAsync(response, 200, """{"name":"influxdb","status":"pass","version":"loopback"}""").ConfigureAwait(false);
                return;
            }

            if (request.HttpMethod == "GET" && request.Url!.AbsolutePath == "/api/v2/buckets")
            {
                await AnswerBucketsAsync(request, response).ConfigureAwait(false);
                return;
            }

            if (request.HttpMethod == "GET" && request.Url!.AbsolutePath == "/query")
            {
                if (request.Headers["Authorization"] != $"Token {Token}")
                {
                    await AnswerAsync(response, 401, """{"code":"unauthorized","message":"unauthorized access"}""").ConfigureAwait(false);
                    return;
                }

                Queries.Enqueue(request.Url.Query);
                using var queried = await Forwarder.GetAsync(new Uri(_influxDb, "query" + request.Url.Query)).ConfigureAwait(false);
                await AnswerAsync(response, (int)queried.StatusCode, await queried.Content.ReadAsStringAsync().ConfigureAwait(false)).ConfigureAwait(false);
                return;
            }

            // The v1 API (/write?db=) shares the failure script, so both sinks meet the same answers.
            var isV1 = request.Url!.AbsolutePath == "/write";
            if (request.HttpMethod != "POST" || (!isV1 && request.Url.AbsolutePath != "/api/v2/write"))
            {
                await AnswerAsync(response, 404, """{"code":"not found","message":"path not found"}""").ConfigureAwait(false);
                return;
            }

            Interlocked.Increment(ref _writeRequests);
            if (!isV1 && request.Headers["Authorization"] != $"Token {Token}")
            {
                await AnswerAsync(response, 401, """{"code":"unauthorized","message":"unauthorized access"}""").ConfigureAwait(false);
                return;
            }

            var bucket = isV1 ? request.QueryString["db"] : request.QueryString["bucket"];
            var precision = request.QueryString["precision"] ?? (isV1 ? "n" : "ns");
            Precisions.Enqueue(precision);
            if ((!isV1 && request.QueryString["org"] != Org) || string.IsNullOrEmpty(bucket))
            {
                await AnswerAsync(response, 404, """{"code":"not found","message":"organization or bucket not found"}""").ConfigureAwait(false);
                return;
            }

            WriteBuckets.Enqueue(bucket);
            var body = await ReadBodyAsync(request).ConfigureAwait(false);
            if (!isV1)
            {
                var chunked = string.Equals(request.Headers["Transfer-Encoding"], "chunked", StringComparison.OrdinalIgnoreCase);
                V2Writes.Enqueue(new ReceivedWrite(request.ContentType, request.Headers["Content-Encoding"], chunked, body));
            }
            if (_script.TryDequeue(out var scripted) || (scripted = _always) is not null)
            {
                if (scripted.RetryAfterSeconds is { } seconds)
                {
                    response.Headers["Retry-After"] = seconds.ToString(CultureInfo.InvariantCulture);
                }

                await AnswerAsync(response, scripted.Status, scripted.Body).ConfigureAwait(false);
                return;
            }

            var v1Precision = isV1 ? precision : precision switch { "ns" => "n", "us" => "u", _ => precision };
            var target = new Uri(_influxDb, $"write?db={Uri.EscapeDataString(bucket)}&precision={v1Precision}");
            using var content = new ByteArrayContent(body);
            using var forwarded = await Forwarder.PostAsync(target, content).ConfigureAwait(false);
            var answer = await forwarded.Content.ReadAsStringAsync().ConfigureAwait(false);
            await AnswerAsync(response, (int)forwarded.StatusCode, answer).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A test server reports its own failures as 500s rather than dying.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            try
            {
                await AnswerAsync(response, 500, ex.Message).ConfigureAwait(false);
            }
            catch (Exception inner) when (inner is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
            }
        }
    }

    private async Task<byte[]> ReadBodyAsync(HttpListenerRequest request)
    {
        using var buffer = new MemoryStream();
        if (string.Equals(request.Headers["Content-Encoding"], "gzip", StringComparison.OrdinalIgnoreCase))
        {
            Interlocked.Increment(ref _gzipRequests);
            await using var gzip = new GZipStream(request.InputStream, CompressionMode.Decompress);
            await gzip.CopyToAsync(buffer).ConfigureAwait(false);
        }
        else
        {
            await request.InputStream.CopyToAsync(buffer).ConfigureAwait(false);
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// <c>GET /api/v2/buckets?org=&amp;name=</c> as InfluxDB 2.x answers it: 401 for a wrong token, 403 when the token
    /// may only write (<see cref="TokenCanReadBuckets"/> false), 404 for an unknown organization, else the buckets of
    /// that name (a bucket exists when the real server has the database).
    /// </summary>
    private async Task AnswerBucketsAsync(HttpListenerRequest request, HttpListenerResponse response)
    {
        if (request.Headers["Authorization"] != $"Token {Token}")
        {
            await AnswerAsync(response, 401, """{"code":"unauthorized","message":"unauthorized access"}""").ConfigureAwait(false);
            return;
        }

        if (!TokenCanReadBuckets)
        {
            await AnswerAsync(response, 403, """{"code":"forbidden","message":"insufficient permissions for read:orgs/0000000000000001/buckets"}""").ConfigureAwait(false);
            return;
        }

        var org = request.QueryString["org"];
        if (org is not null && org != Org)
        {
            await AnswerAsync(response, 404, $$"""{"code":"not found","message":"organization name "{{org}}" not found"}""").ConfigureAwait(false);
            return;
        }

        var name = request.QueryString["name"] ?? string.Empty;
        using var shown = await Forwarder.GetAsync(new Uri(_influxDb, "query?q=" + Uri.EscapeDataString("SHOW DATABASES"))).ConfigureAwait(false);
        var exists = (await shown.Content.ReadAsStringAsync().ConfigureAwait(false)).Contains($"[\"{name}\"]", StringComparison.Ordinal);
        var buckets = exists ? $$"""{"id":"0000000000000002","orgID":"0000000000000001","type":"user","name":"{{name}}","retentionRules":[]}""" : string.Empty;
        await AnswerAsync(response, 200, $$"""{"links":{"self":"/api/v2/buckets?descending=false&limit=20&offset=0"},"buckets":[{{buckets}}]}""").ConfigureAwait(false);
    }

    private static async Task AnswerAsync(HttpListenerResponse response, int status, string body)
    {
        response.StatusCode = status;
        var bytes = System.Text.Encoding.UTF8.GetBytes(body);
        if (bytes.Length > 0)
        {
            response.ContentType = "application/json; charset=utf-8";
            response.ContentLength64 = bytes.Length;
            await response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
        }

        response.Close();
    }

    private sealed record ScriptedAnswer(int Status, string Body, int? RetryAfterSeconds);

    /// <summary>One v2 write request: its <c>Content-Type</c> and <c>Content-Encoding</c>, whether it was sent chunked, and the body after gunzip.</summary>
    internal sealed record ReceivedWrite(string? ContentType, string? ContentEncoding, bool Chunked, byte[] Body);
}
