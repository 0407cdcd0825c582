using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HaIngestor.Faults.Tests.Rig;

/// <summary>
/// OpenWeatherMap's current weather API (<c>GET /data/2.5/weather</c>) on loopback, answering in its documented
/// shape; while <see cref="Down"/> it answers 503, as the API does in an outage.
/// </summary>
internal sealed class WeatherStandIn : IAsyncDisposable
{
    private const string Answer =
        """{"weather":[{"id":800,"main":"Clear","description":"clear sky"}],"main":{"temp":21.5,"pressure":1013,"humidity":40},"wind":{"speed":3.1},"clouds":{"all":0},"dt":1765000000,"name":"Faultville"}""";

    private WebApplication? _app;
    private long _answered;
    private long _failed;

    public Uri Url { get; private set; } = null!;

    /// <summary>While true every request is answered 503.</summary>
    public bool Down { get; set; }

    /// <summary>Requests answered with the weather.</summary>
    public long Answered => Interlocked.Read(ref _answered);

    /// <summary>Requests answered 503.</summary>
    public long Failed => Interlocked.Read(ref _failed);

    public static async Task<WeatherStandIn> StartAsync()
    {
        var standIn = new WeatherStandIn();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = ["--hostBuilder:reloadConfigOnChange=false"] });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapGet("/data/2.5/weather", standIn.Handle);
        await app.StartAsync();
        standIn._app = app;
        standIn.Url = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
        return standIn;
    }

    private IResult Handle()
    {
        if (Down)
        {
            Interlocked.Increment(ref _failed);
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }

        Interlocked.Increment(ref _answered);
        return Results.Text(Answer, "application/json");
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is { } app)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
