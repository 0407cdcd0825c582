using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using HaIngestor.TestUtilities;

namespace HaIngestor.Simulator.Tests;

public sealed class HaSimulatorAuthTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task GetApi_ValidBearerToken_ReturnsApiRunning()
    {
        await using var sim = await SimulatorFixture.StartAsync();
        using var http = new HttpClient { BaseAddress = sim.BaseUrl };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", sim.Token);

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("API running.", body.RootElement.GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("wrong-token")]
    [InlineData(null)]
    public async Task GetApi_MissingOrWrongToken_Returns401(string? token)
    {
        await using var sim = await SimulatorFixture.StartAsync();
        using var http = new HttpClient { BaseAddress = sim.BaseUrl };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Auth_ValidToken_SendsAuthRequiredThenAuthOkWithVersion()
    {
        await using var sim = await SimulatorFixture.StartAsync();
        await using var client = await HaTestClient.ConnectAsync(sim);

        var required = await client.ReceiveAsync();
        await client.SendRawAsync($$"""{"type":"auth","access_token":"{{sim.Token}}"}""");
        var ok = await client.ReceiveAsync();

        Assert.Equal("auth_required", required.GetProperty("type").GetString());
        Assert.Equal("2026.11.0", required.GetProperty("ha_version").GetString());
        Assert.Equal("auth_ok", ok.GetProperty("type").GetString());
        Assert.Equal("2026.11.0", ok.GetProperty("ha_version").GetString());
        Assert.Equal(1, sim.Counters.Authenticated);
    }

    [Fact]
    public async Task Auth_InvalidToken_SendsAuthInvalidThenCloses()
    {
        await using var sim = await SimulatorFixture.StartAsync();
        await using var client = await HaTestClient.ConnectAsync(sim);
        await client.ReceiveAsync();

        await client.SendRawAsync("""{"type":"auth","access_token":"not-the-token"}""");
        var reply = await client.ReceiveAsync();

        Assert.Equal("auth_invalid", reply.GetProperty("type").GetString());
        Assert.Equal("Invalid access token or password", reply.GetProperty("message").GetString());
        Assert.True(await client.WaitForCloseAsync());
        Assert.Equal(1, sim.Counters.AuthRejected);
    }

    [Fact]
    public async Task Auth_CommandBeforeAuth_SendsAuthInvalidFormatErrorThenCloses()
    {
        await using var sim = await SimulatorFixture.StartAsync();
        await using var client = await HaTestClient.ConnectAsync(sim);
        await client.ReceiveAsync();

        await client.SendRawAsync("""{"id":1,"type":"ping"}""");
        var reply = await client.ReceiveAsync();

        Assert.Equal("auth_invalid", reply.GetProperty("type").GetString());
        Assert.StartsWith("Auth message incorrectly formatted:", reply.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.True(await client.WaitForCloseAsync());
    }

    [Fact]
    public async Task Auth_NoAuthMessageWithinTimeout_ClosesConnection()
    {
        var time = new TimerWatchingTimeProvider(SimulatorFixture.FakeTime().GetUtcNow());
        await using var sim = await SimulatorFixture.StartAsync(time: time);
        await using var client = await HaTestClient.ConnectAsync(sim);
        await client.ReceiveAsync();
        var closed = client.WaitForCloseAsync();

        // The deadline timer starts once auth_required is out: move the clock past it once it exists.
        await time.WaitForTimersAsync(new SimulatorOptions().AuthTimeout, 1, Wait, "the simulator's auth deadline");
        Assert.False(closed.IsCompleted, "closed before the auth deadline passed");
        time.Advance(new SimulatorOptions().AuthTimeout);

        Assert.True(await closed.WaitAsync(Wait), "the connection is closed once the auth deadline has passed");
        Assert.Equal(0, sim.Counters.Authenticated);
    }

    [Fact]
    public async Task RejectTokens_True_RejectsTheValidTokenUntilSwitchedBack()
    {
        await using var sim = await SimulatorFixture.StartAsync();
        sim.RejectTokens(true);
        await using (var rejected = await HaTestClient.ConnectAsync(sim))
        {
            await rejected.ReceiveAsync();
            await rejected.SendRawAsync($$"""{"type":"auth","access_token":"{{sim.Token}}"}""");
            Assert.Equal("auth_invalid", (await rejected.ReceiveAsync()).GetProperty("type").GetString());
        }

        sim.RejectTokens(false);
        await using var accepted = await HaTestClient.ConnectAuthenticatedAsync(sim);
        Assert.Equal(1, sim.Counters.Authenticated);
    }
}
