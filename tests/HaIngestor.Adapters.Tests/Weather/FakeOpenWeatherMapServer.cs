using System.Collections.Concurrent;
using System.Net;
using System.Text;
using HaIngestor.TestUtilities;

namespace HaIngestor.Adapters.Tests.Weather;

/// <summary>How the loopback OpenWeatherMap stand-in answers.</summary>
public enum FakeWeatherMode
{
    Ok,
    ServerError,
    Unauthorized,
    BadJson,
    Timeout,
}

/// <summary>A real HTTP server on loopback that answers like OpenWeatherMap's current weather API, counting requests.</summary>
public sealed class FakeOpenWeatherMapServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _requests;

    public FakeOpenWeatherMapServer()
    {
        var port = FreePort.Get();
        BaseUrl = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(BaseUrl.ToString());
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public Uri BaseUrl { get; }

    public FakeWeatherMode Mode { get; set; } = FakeWeatherMode.Ok;

    public double Temperature { get; set; } = 21.5;

    public int Requests => Volatile.Read(ref _requests);

    public ConcurrentQueue<string> Queries { get; } = new();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (ObjectDisposedException)
        {
        }

        _listener.Close();
        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (HttpListenerException)
            {
                return;
            }

            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        Interlocked.Increment(ref _requests);
        Queries.Enqueue(context.Request.Url?.PathAndQuery ?? string.Empty);
        var response = context.Response;
        try
        {
            switch (Mode)
            {
                case FakeWeatherMode.Ok:
                    await WriteAsync(response, 200, Body(Temperature));
                    break;
                case FakeWeatherMode.ServerError:
                    await WriteAsync(response, 500, "{\"cod\":500,\"message\":\"Internal error\"}");
                    break;
                case FakeWeatherMode.Unauthorized:
                    await WriteAsync(response, 401, "{\"cod\":401,\"message\":\"Invalid API key.\"}");
                    break;
                case FakeWeatherMode.BadJson:
                    await WriteAsync(response, 200, "{\"coord\":{\"lon\":13.4");
                    break;
                case FakeWeatherMode.Timeout:
                    // Never answers in time; the client's attempt timeout must give up first.
                    await Task.Delay(TimeSpan.FromSeconds(30), _stop.Token);
                    await WriteAsync(response, 200, Body(Temperature));
                    break;
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or HttpListenerException or ObjectDisposedException or IOException)
        {
            // The client gave up or the server is stopping.
        }
        finally
        {
            try
            {
                response.Close();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
            }
        }
    }

    private static async Task WriteAsync(HttpListenerResponse response, int status, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        response.StatusCode = status;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes);
    }

    private static string Body(double temperature) => FormattableString.Invariant($$"""
        {"coord":{"lon":13.41,"lat":52.52},"weather":[{"id":803,"main":"Clouds","description":"broken clouds","icon":"04d"}],
         "base":"stations","main":{"temp":{{temperature}},"feels_like":20.9,"temp_min":20.1,"temp_max":22.3,"pressure":1013,"humidity":64},
         "visibility":10000,"wind":{"speed":3.6,"deg":250},"clouds":{"all":75},"dt":1764320400,
         "sys":{"country":"DE","sunrise":1764311234,"sunset":1764341234},"timezone":3600,"id":2950159,"name":"Berlin","cod":200}
        """);
}
