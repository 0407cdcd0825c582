using System.IO.Compression;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HaIngestor.Faults.Tests.Rig;

/// <summary>What the proxy in front of the real InfluxDB does to a write.</summary>
internal enum InfluxFault
{
    /// <summary>Forwarded as is.</summary>
    None,

    /// <summary>The connection is dropped without an answer, as when InfluxDB is down or restarting.</summary>
    Down,

    /// <summary>No answer until the fault ends (a hung server); the client's timeout decides.</summary>
    Stall,

    /// <summary>429 with <c>Retry-After: 1</c>, as InfluxDB Cloud throttles.</summary>
    TooManyRequests,

    /// <summary>
    /// The lines of <see cref="InfluxProxy.RejectedEntity"/> are dropped and the rest written, answered with InfluxDB
    /// 1.x's partial write: 400 and <c>{"error":"partial write: field type conflict: ... dropped=N"}</c>.
    /// </summary>
    PartialWrite,

    /// <summary>Each write waits <see cref="InfluxProxy.SlowDelay"/> before it is forwarded: a slow sink.</summary>
    Slow,

    /// <summary>
    /// The write is forwarded and stored, then the connection is dropped before the answer: the client cannot tell
    /// it from a failure and sends the same batch again (at-least-once delivery).
    /// </summary>
    AckLost,
}

/// <summary>A loopback HTTP proxy in front of the real InfluxDB 1.x that injects <see cref="InfluxFault"/>s.</summary>
internal sealed class InfluxProxy : IAsyncDisposable
{
    private static readonly HttpClient Upstream = new() { Timeout = TimeSpan.FromSeconds(60) };
    private readonly Uri _target;
    private WebApplication? _app;
    private volatile InfluxFault _fault;
    private TaskCompletionSource _faultChanged = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _faulted;
    private readonly List<string[]> _forwarded = [];
    private readonly List<string[]> _ackLost = [];

    private InfluxProxy(Uri target) => _target = target;

    public Uri Url { get; private set; } = null!;

    /// <summary>For <see cref="InfluxFault.PartialWrite"/>: the entity whose lines InfluxDB refuses.</summary>
    public string? RejectedEntity { get; set; }

    /// <summary>For <see cref="InfluxFault.Slow"/>: how long each write waits. Default 1 s.</summary>
    public TimeSpan SlowDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>When true, the lines of every write InfluxDB stored are kept (<see cref="Forwarded"/>).</summary>
    public bool RecordWrites { get; set; }

    /// <summary>The bodies (as lines) of the writes InfluxDB stored, in order, while <see cref="RecordWrites"/> was on.</summary>
    public IReadOnlyList<string[]> Forwarded
    {
        get
        {
            lock (_forwarded)
            {
                return [.. _forwarded];
            }
        }
    }

    /// <summary>The bodies (as lines) of the writes stored but answered with a dropped connection (<see cref="InfluxFault.AckLost"/>).</summary>
    public IReadOnlyList<string[]> AckLostWrites
    {
        get
        {
            lock (_ackLost)
            {
                return [.. _ackLost];
            }
        }
    }

    /// <summary>Writes answered with a fault so far.</summary>
    public long FaultedWrites => Interlocked.Read(ref _faulted);

    public InfluxFault Fault
    {
        get => _fault;
        set
        {
            _fault = value;
            Interlocked.Exchange(ref _faultChanged, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        }
    }

    public static async Task<InfluxProxy> StartAsync(Uri target)
    {
        var proxy = new InfluxProxy(target);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = ["--hostBuilder:reloadConfigOnChange=false"] });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Run(proxy.HandleAsync);
        await app.StartAsync();
        proxy._app = app;
        proxy.Url = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First() + "/");
        return proxy;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var isWrite = context.Request.Path.StartsWithSegments("/write", StringComparison.Ordinal);
        var fault = isWrite ? _fault : InfluxFault.None;
        switch (fault)
        {
            case InfluxFault.Down:
                Interlocked.Increment(ref _faulted);
                context.Abort();
                return;
            case InfluxFault.Stall:
                Interlocked.Increment(ref _faulted);
                while (_fault == InfluxFault.Stall && !context.RequestAborted.IsCancellationRequested)
                {
                    await Task.WhenAny(Volatile.Read(ref _faultChanged).Task, Task.Delay(Timeout.Infinite, context.RequestAborted));
                }

                if (context.RequestAborted.IsCancellationRequested)
                {
                    return;
                }

                break;
            case InfluxFault.TooManyRequests:
                Interlocked.Increment(ref _faulted);
                context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.Response.Headers.RetryAfter = "1";
                await context.Response.WriteAsync("{\"error\":\"too many requests\"}");
                return;
        }

        if (fault == InfluxFault.Slow)
        {
            Interlocked.Increment(ref _faulted);
            await Task.Delay(SlowDelay, context.RequestAborted);
        }

        var body = await ReadBodyAsync(context.Request);
        var dropped = 0;
        if (fault == InfluxFault.PartialWrite && RejectedEntity is { } entity)
        {
            var tag = $",entity_id={entity},";
            var tagAtEnd = $",entity_id={entity} ";
            var kept = new StringBuilder();
            foreach (var line in Encoding.UTF8.GetString(body).Split('\n'))
            {
                if (line.Length == 0)
                {
                    continue;
                }

                if (line.Contains(tag, StringComparison.Ordinal) || line.Contains(tagAtEnd, StringComparison.Ordinal))
                {
                    dropped++;
                    continue;
                }

                kept.Append(line).Append('\n');
            }

            body = Encoding.UTF8.GetBytes(kept.ToString());
        }

        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), new Uri(_target, context.Request.Path + context.Request.QueryString));
        if (context.Request.Headers.Authorization.Count > 0)
        {
            request.Headers.TryAddWithoutValidation("Authorization", context.Request.Headers.Authorization.ToString());
        }

        if (body.Length > 0 || HttpMethods.IsPost(context.Request.Method))
        {
            request.Content = new ByteArrayContent(body);
            if (context.Request.ContentType is { } type)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", type);
            }
        }

        using var response = await Upstream.SendAsync(request, context.RequestAborted);
        var answer = await response.Content.ReadAsByteArrayAsync(context.RequestAborted);
        if (isWrite && response.IsSuccessStatusCode)
        {
            var lines = Encoding.UTF8.GetString(body).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            if (RecordWrites)
            {
                lock (_forwarded)
                {
                    _forwarded.Add(lines);
                }
            }

            if (fault == InfluxFault.AckLost)
            {
                Interlocked.Increment(ref _faulted);
                lock (_ackLost)
                {
                    _ackLost.Add(lines);
                }

                context.Abort();
                return;
            }
        }

        if (dropped > 0 && response.IsSuccessStatusCode)
        {
            // InfluxDB 1.x (services/httpd/handler.go): the other points are written, the answer names what it dropped.
            Interlocked.Increment(ref _faulted);
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(
                $"{{\"error\":\"partial write: field type conflict: input field \\\"value\\\" on measurement \\\"home_assistant_events\\\" is type string, already exists as type float dropped={dropped}\"}}\n");
            return;
        }

        context.Response.StatusCode = (int)response.StatusCode;
        if (response.Content.Headers.ContentType is { } contentType)
        {
            context.Response.ContentType = contentType.ToString();
        }

        await context.Response.Body.WriteAsync(answer);
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        if (request.Headers.ContentEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase))
        {
            await using var gzip = new GZipStream(request.Body, CompressionMode.Decompress);
            await gzip.CopyToAsync(buffer);
        }
        else
        {
            await request.Body.CopyToAsync(buffer);
        }

        return buffer.ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        Fault = InfluxFault.None;
        if (_app is { } app)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
