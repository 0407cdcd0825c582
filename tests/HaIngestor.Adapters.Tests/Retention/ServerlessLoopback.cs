using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using HaIngestor.TestUtilities;

namespace HaIngestor.Adapters.Tests.Retention;

/// <summary>
/// A loopback stand-in for the two Cloud Serverless endpoints the summarizer uses, both demanding
/// <c>Authorization: Token ...</c>: <c>GET /query</c> (v1-compatible InfluxQL, the DBRP database name taken as the
/// real database) and <c>POST /api/v2/write?org=&amp;bucket=</c> (the bucket taken as the real database). Both are
/// forwarded to the real InfluxDB 1.x, so what is checked is real InfluxQL and real stored points.
/// </summary>
internal sealed class ServerlessLoopback : IAsyncDisposable
{
    private static readonly HttpClient Forwarder = new() { Timeout = TimeSpan.FromSeconds(60) };
    private readonly HttpListener _listener = new();
    private readonly Task _loop;
    private readonly Uri _influxDb;
    private readonly string _token;

    public ServerlessLoopback(Uri influxDb, string token)
    {
        _influxDb = influxDb;
        _token = token;
        Url = new Uri($"http://127.0.0.1:{FreePort.Get().ToString(CultureInfo.InvariantCulture)}/");
        _listener.Prefixes.Add(Url.ToString());
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public Uri Url { get; }

    /// <summary>The query string of every <c>/query</c> request, in order.</summary>
    public ConcurrentQueue<string> Queries { get; } = new();

    /// <summary>The bucket of every write request.</summary>
    public ConcurrentQueue<string> WriteBuckets { get; } = new();

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
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
        using var response = context.Response;
        try
        {
            if (request.Headers["Authorization"] != $"Token {_token}")
            {
                await AnswerAsync(response, 401, """{"code":"unauthorized","message":"unauthorized access"}""").ConfigureAwait(false);
                return;
            }

            HttpResponseMessage forwarded;
            if (request.HttpMethod == "GET" && request.Url!.AbsolutePath == "/query")
            {
                Queries.Enqueue(request.Url.Query);
                forwarded = await Forwarder.GetAsync(new Uri(_influxDb, "query" + request.Url.Query)).ConfigureAwait(false);
            }
            else if (request.HttpMethod == "POST" && request.Url!.AbsolutePath == "/api/v2/write" && request.QueryString["bucket"] is { Length: > 0 } bucket)
            {
                WriteBuckets.Enqueue(bucket);
                using var body = new MemoryStream();
                var input = string.Equals(request.Headers["Content-Encoding"], "gzip", StringComparison.OrdinalIgnoreCase)
                    ? new GZipStream(request.InputStream, CompressionMode.Decompress)
                    : request.InputStream;
                await input.CopyToAsync(body).ConfigureAwait(false);
                using var content = new ByteArrayContent(body.ToArray());
                forwarded = await Forwarder.PostAsync(new Uri(_influxDb, $"write?db={Uri.EscapeDataString(bucket)}&precision={request.QueryString["precision"]}"), content).ConfigureAwait(false);
            }
            else
            {
                await AnswerAsync(response, 404, """{"code":"not found","message":"path not found"}""").ConfigureAwait(false);
                return;
            }

            using (forwarded)
            {
                await AnswerAsync(response, (int)forwarded.StatusCode, await forwarded.Content.ReadAsStringAsync().ConfigureAwait(false)).ConfigureAwait(false);
            }
        }
#pragma warning disable CA1031 // A test server reports its own failures as 500s rather than dying.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            await AnswerAsync(response, 500, ex.Message).ConfigureAwait(false);
        }
    }

    private static async Task AnswerAsync(HttpListenerResponse response, int status, string body)
    {
        response.StatusCode = status;
        var bytes = System.Text.Encoding.UTF8.GetBytes(body);
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
    }
}
