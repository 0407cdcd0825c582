using System.Text.Json;
using System.Text.RegularExpressions;

namespace HaIngestor.Simulator.Tests;

public sealed partial class HaSimulatorCommandTests
{
    [Fact]
    public async Task Ping_Authenticated_RepliesPongWithSameId()
    {
        await using var sim = await SimulatorFixture.StartAsync();
        await using var client = await HaTestClient.ConnectAuthenticatedAsync(sim);

        var id = await client.SendCommandAsync("""{"type":"ping"}""");
        var pong = await client.ReceiveAsync();

        Assert.Equal("pong", pong.GetProperty("type").GetString());
        Assert.Equal(id, pong.GetProperty("id").GetInt32());
    }

    [Fact]
    public async Task Command_IdNotIncreasing_RepliesIdReuse()
    {
        await using var sim = await SimulatorFixture.StartAsync();
        await using var client = await HaTestClient.ConnectAuthenticatedAsync(sim);
        await client.SendRawAsync("""{"id":5,"type":"ping"}""");
        await client.ReceiveAsync();

        await client.SendRawAsync("""{"id":5,"type":"ping"}""");
        var reply = await client.ReceiveAsync();

        AssertError(reply, 5, "id_reuse");
        Assert.Equal("Identifier values have to increase.", reply.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task Command_UnknownType_RepliesUnknownCommand()
    {
        await using var sim = await SimulatorFixture.StartAsync();
        await using var client = await HaTestClient.ConnectAuthenticatedAsync(sim);

        var id = await client.SendCommandAsync("""{"type":"no_such_command"}""");

        AssertError(await client.ReceiveAsync(), id, "unknown_command");
    }

    [Theory]
    [InlineData("""{"type":"ping"}""")]
    [InlineData("""{"id":0,"type":"ping"}""")]
    [InlineData("""{"id":"7","type":"ping"}""")]
    [InlineData("""{"id":7}""")]
    public async Task Command_MissingOrInvalidIdOrType_RepliesInvalidFormat(string message)
    {
        await using var sim = await SimulatorFixture.StartAsync();
        await using var client = await HaTestClient.ConnectAuthenticatedAsync(sim);

        await client.SendRawAsync(message);
        var reply = await client.ReceiveAsync();

        Assert.False(reply.GetProperty("success").GetBoolean());
        Assert.Equal("invalid_format", reply.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Command_InvalidJson_ClosesConnection()
    {
        await using var sim = await SimulatorFixture.StartAsync();
        await using var client = await HaTestClient.ConnectAuthenticatedAsync(sim);

        await client.SendRawAsync("{not json");

        Assert.True(await client.WaitForCloseAsync());
    }

    [Fact]
    public async Task GetStates_Authenticated_ReturnsFullHaStateObjects()
    {
        await using var sim = await SimulatorFixture.StartAsync();
        await using var client = await HaTestClient.ConnectAuthenticatedAsync(sim);

        var id = await client.SendCommandAsync("""{"type":"get_states"}""");
        var result = await client.ReceiveResultAsync(id);

        Assert.True(result.GetProperty("success").GetBoolean());
        var states = result.GetProperty("result").EnumerateArray().ToList();
        Assert.Equal(sim.EntityIds.Count, states.Count);
        foreach (var state in states)
        {
            Assert.Equal(
                ["entity_id", "state", "attributes", "last_changed", "last_reported", "last_updated", "context"],
                state.EnumerateObject().Select(p => p.Name));
            Assert.Matches(TimestampPattern(), state.GetProperty("last_updated").GetString());
            Assert.Matches(UlidPattern(), state.GetProperty("context").GetProperty("id").GetString());
        }

        var temperature = states.Single(s => s.GetProperty("entity_id").GetString() == "sensor.kitchen_temperature");
        Assert.Equal("°C", temperature.GetProperty("attributes").GetProperty("unit_of_measurement").GetString());
        Assert.Equal("measurement", temperature.GetProperty("attributes").GetProperty("state_class").GetString());
        Assert.Contains(states, s => s.GetProperty("entity_id").GetString() == "weather.home");
        Assert.Contains(states, s => s.GetProperty("entity_id").GetString() == "climate.living_room");
    }

    [Fact]
    public async Task GetConfig_Authenticated_ReturnsVersionAndUnits()
    {
        await using var sim = await SimulatorFixture.StartAsync();
        await using var client = await HaTestClient.ConnectAuthenticatedAsync(sim);

        var id = await client.SendCommandAsync("""{"type":"get_config"}""");
        var config = (await client.ReceiveResultAsync(id)).GetProperty("result");

        Assert.Equal("2026.11.0", config.GetProperty("version").GetString());
        Assert.Equal("°C", config.GetProperty("unit_system").GetProperty("temperature").GetString());
        Assert.Equal("RUNNING", config.GetProperty("state").GetString());
    }

    [Fact]
    public async Task RegistryLists_Authenticated_EveryDeviceEntityResolvesToAnArea()
    {
        await using var sim = await SimulatorFixture.StartAsync();
        await using var client = await HaTestClient.ConnectAuthenticatedAsync(sim);

        var entitiesId = await client.SendCommandAsync("""{"type":"config/entity_registry/list"}""");
        var entities = (await client.ReceiveResultAsync(entitiesId)).GetProperty("result").EnumerateArray().ToList();
        var devicesId = await client.SendCommandAsync("""{"type":"config/device_registry/list"}""");
        var devices = (await client.ReceiveResultAsync(devicesId)).GetProperty("result").EnumerateArray().ToList();
        var areasId = await client.SendCommandAsync("""{"type":"config/area_registry/list"}""");
        var areas = (await client.ReceiveResultAsync(areasId)).GetProperty("result").EnumerateArray().ToList();

        var areaNames = areas.ToDictionary(a => a.GetProperty("area_id").GetString()!, a => a.GetProperty("name").GetString());
        Assert.Contains("Kitchen", areaNames.Values);
        Assert.Contains("Living Room", areaNames.Values);
        var deviceAreas = devices.ToDictionary(d => d.GetProperty("id").GetString()!, d => d.GetProperty("area_id").GetString());
        Assert.Contains(devices, d => d.GetProperty("name_by_user").ValueKind == JsonValueKind.String);
        var kitchenTemperature = entities.Single(e => e.GetProperty("entity_id").GetString() == "sensor.kitchen_temperature");
        var deviceId = kitchenTemperature.GetProperty("device_id").GetString()!;
        Assert.Equal("Kitchen", areaNames[deviceAreas[deviceId]!]);
        Assert.Equal(sim.EntityIds.Count, entities.Count);
    }

    [Fact]
    public async Task CallService_LightTurnOn_FiresCallServiceThenStateChangedThenResult()
    {
        await using var sim = await SimulatorFixture.StartAsync();
        await using var client = await HaTestClient.ConnectAuthenticatedAsync(sim);
        var sub = await client.SendCommandAsync("""{"type":"subscribe_events"}""");
        await client.ReceiveResultAsync(sub);

        var id = await client.SendCommandAsync(
            """{"type":"call_service","domain":"light","service":"turn_on","service_data":{"brightness":128},"target":{"entity_id":"light.kitchen_ceiling"}}""");
        var first = await client.ReceiveAsync();
        var second = await client.ReceiveAsync();
        var result = await client.ReceiveAsync();

        var callEvent = first.GetProperty("event");
        Assert.Equal("call_service", callEvent.GetProperty("event_type").GetString());
        Assert.Equal("light", callEvent.GetProperty("data").GetProperty("domain").GetString());
        Assert.Equal("light.kitchen_ceiling", callEvent.GetProperty("data").GetProperty("service_data").GetProperty("entity_id").GetString());
        var changed = second.GetProperty("event");
        Assert.Equal("state_changed", changed.GetProperty("event_type").GetString());
        var newState = changed.GetProperty("data").GetProperty("new_state");
        Assert.Equal("on", newState.GetProperty("state").GetString());
        Assert.Equal(128, newState.GetProperty("attributes").GetProperty("brightness").GetInt32());
        Assert.Equal("off", changed.GetProperty("data").GetProperty("old_state").GetProperty("state").GetString());
        Assert.Equal(id, result.GetProperty("id").GetInt32());
        Assert.True(result.GetProperty("success").GetBoolean());
        var contextId = result.GetProperty("result").GetProperty("context").GetProperty("id").GetString();
        Assert.Equal(contextId, changed.GetProperty("context").GetProperty("id").GetString());
        Assert.Equal("on", sim.GetState("light.kitchen_ceiling")!.State);
    }

    [Fact]
    public async Task CallService_ClimateSetTemperature_ChangesTargetTemperature()
    {
        await using var sim = await SimulatorFixture.StartAsync();
        await using var client = await HaTestClient.ConnectAuthenticatedAsync(sim);

        var id = await client.SendCommandAsync(
            """{"type":"call_service","domain":"climate","service":"set_temperature","service_data":{"entity_id":"climate.living_room","temperature":22.5}}""");
        await client.ReceiveResultAsync(id);

        Assert.Equal(22.5, sim.GetState("climate.living_room")!.Attributes["temperature"]);
    }

    [Fact]
    public async Task CallService_UnknownService_RepliesNotFound()
    {
        await using var sim = await SimulatorFixture.StartAsync();
        await using var client = await HaTestClient.ConnectAuthenticatedAsync(sim);

        var id = await client.SendCommandAsync("""{"type":"call_service","domain":"light","service":"explode"}""");

        AssertError(await client.ReceiveResultAsync(id), id, "not_found");
    }

    [Fact]
    public async Task UnsubscribeEvents_UnknownSubscription_RepliesNotFound()
    {
        await using var sim = await SimulatorFixture.StartAsync();
        await using var client = await HaTestClient.ConnectAuthenticatedAsync(sim);

        var id = await client.SendCommandAsync("""{"type":"unsubscribe_events","subscription":999}""");

        AssertError(await client.ReceiveResultAsync(id), id, "not_found");
    }

    private static void AssertError(JsonElement reply, int id, string code)
    {
        Assert.Equal("result", reply.GetProperty("type").GetString());
        Assert.Equal(id, reply.GetProperty("id").GetInt32());
        Assert.False(reply.GetProperty("success").GetBoolean());
        Assert.Equal(code, reply.GetProperty("error").GetProperty("code").GetString());
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{6})?\+00:00$")]
    private static partial Regex TimestampPattern();

    [GeneratedRegex("^[0-9A-HJKMNP-TV-Z]{26}$")]
    private static partial Regex UlidPattern();
}
