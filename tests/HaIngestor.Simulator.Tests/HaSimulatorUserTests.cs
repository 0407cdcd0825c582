namespace HaIngestor.Simulator.Tests;

/// <summary>Users and HA's SUBSCRIBE_ALLOWLIST: only admins may subscribe to other event types or to all events.</summary>
public sealed class HaSimulatorUserTests
{
    private const string ViewerToken = "viewer-token";
    private const string AdminToken = "second-admin-token";

    [Theory]
    [InlineData("""{"type":"subscribe_events","event_type":"call_service"}""")]
    [InlineData("""{"type":"subscribe_events","event_type":"automation_triggered"}""")]
    [InlineData("""{"type":"subscribe_events"}""")]
    public async Task SubscribeEvents_NonAdminOutsideAllowlist_RepliesUnauthorizedAndKeepsTheConnection(string command)
    {
        await using var sim = await StartAsync();
        await using var client = await HaTestClient.ConnectAuthenticatedAsync(sim, ViewerToken);

        var id = await client.SendCommandAsync(command);
        var reply = await client.ReceiveResultAsync(id);

        Assert.False(reply.GetProperty("success").GetBoolean());
        Assert.Equal("unauthorized", reply.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("Unauthorized", reply.GetProperty("error").GetProperty("message").GetString());
        var ping = await client.SendCommandAsync("""{"type":"ping"}""");
        Assert.Equal("pong", (await client.ReceiveUntilAsync(m => m.GetProperty("id").GetInt32() == ping)).GetProperty("type").GetString());
    }

    [Theory]
    [InlineData("state_changed")]
    [InlineData("entity_registry_updated")]
    [InlineData("device_registry_updated")]
    [InlineData("area_registry_updated")]
    public async Task SubscribeEvents_NonAdminAllowlisted_Succeeds(string eventType)
    {
        await using var sim = await StartAsync();
        await using var client = await HaTestClient.ConnectAuthenticatedAsync(sim, ViewerToken);

        var id = await client.SendCommandAsync($$"""{"type":"subscribe_events","event_type":"{{eventType}}"}""");

        Assert.True((await client.ReceiveResultAsync(id)).GetProperty("success").GetBoolean());
    }

    [Theory]
    [InlineData(AdminToken)]
    [InlineData(null)]
    public async Task SubscribeEvents_Admin_AllEventsAllowed(string? token)
    {
        await using var sim = await StartAsync();
        await using var client = await HaTestClient.ConnectAuthenticatedAsync(sim, token ?? sim.Token);

        var all = await client.SendCommandAsync("""{"type":"subscribe_events"}""");
        var calls = await client.SendCommandAsync("""{"type":"subscribe_events","event_type":"call_service"}""");

        Assert.True((await client.ReceiveResultAsync(all)).GetProperty("success").GetBoolean());
        Assert.True((await client.ReceiveResultAsync(calls)).GetProperty("success").GetBoolean());
    }

    [Fact]
    public async Task CallService_NonAdmin_ContextCarriesThatUsersId()
    {
        await using var sim = await StartAsync();
        await using var owner = await HaTestClient.ConnectAuthenticatedAsync(sim);
        await using var viewer = await HaTestClient.ConnectAuthenticatedAsync(sim, ViewerToken);

        var byOwner = await owner.SendCommandAsync("""{"type":"call_service","domain":"light","service":"turn_on","target":{"entity_id":"light.kitchen_ceiling"}}""");
        var byViewer = await viewer.SendCommandAsync("""{"type":"call_service","domain":"light","service":"turn_off","target":{"entity_id":"light.kitchen_ceiling"}}""");
        var ownerUser = (await owner.ReceiveResultAsync(byOwner)).GetProperty("result").GetProperty("context").GetProperty("user_id").GetString();
        var viewerUser = (await viewer.ReceiveResultAsync(byViewer)).GetProperty("result").GetProperty("context").GetProperty("user_id").GetString();

        Assert.NotNull(viewerUser);
        Assert.NotEqual(ownerUser, viewerUser);
        Assert.Matches("^[0-9a-f]{32}$", viewerUser);
    }

    private static Task<HaSimulator> StartAsync() => SimulatorFixture.StartAsync(o =>
    {
        o.Users.Add(new SimulatorUser { Name = "viewer", Token = ViewerToken, IsAdmin = false });
        o.Users.Add(new SimulatorUser { Name = "second admin", Token = AdminToken, IsAdmin = true });
    });
}
