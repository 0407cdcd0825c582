using System.Net;
using HaIngestor.Connector.Commands;
using HaIngestor.TestUtilities;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace HaIngestor.Connector.Tests.Commands;

public sealed class HealthcheckCommandTests
{
    [Theory]
    [InlineData(200, ExitCodes.Ok)]
    [InlineData(503, ExitCodes.Failed)]
    public async Task CheckAsync_HealthAnswers_ExitCodeFollowsTheStatus(int status, int expected)
    {
        var port = FreePort.Get();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        await using var app = builder.Build();
        app.MapGet("/health", (HttpContext context) => context.Response.StatusCode = status);
        await app.StartAsync();

        var exitCode = await HealthcheckCommand.CheckAsync(new Uri($"http://127.0.0.1:{port}/health"), TextWriter.Null, CancellationToken.None);

        Assert.Equal(expected, exitCode);
        await app.StopAsync();
    }

    [Fact]
    public async Task CheckAsync_NothingListening_Fails()
    {
        var exitCode = await HealthcheckCommand.CheckAsync(new Uri($"http://127.0.0.1:{FreePort.Get()}/health"), TextWriter.Null, CancellationToken.None);

        Assert.Equal(ExitCodes.Failed, exitCode);
    }
}
