using System.Text.Json;

namespace HaIngestor.Simulator.Tests;

public sealed class HaSimulatorRegistryTests
{
    [Fact]
    public async Task SetEntityArea_Subscribed_FiresEntityRegistryUpdatedWithOldValueAndListShowsNewArea()
    {
        await using var sim = await SimulatorFixture.StartAsync();
        await using var client = await HaTestClient.ConnectAuthenticatedAsync(sim);
        var sub = await client.SendCommandAsync("""{"type":"subscribe_events","event_type":"entity_registry_updated"}""");
        await client.ReceiveResultAsync(sub);

        sim.SetEntityArea("sensor.kitchen_temperature", "office");
        var data = (await client.ReceiveEventAsync(sub)).GetProperty("event").GetProperty("data");
        var list = await client.SendCommandAsync("""{"type":"config/entity_registry/list"}""");
        var entry = (await client.ReceiveResultAsync(list)).GetProperty("result").EnumerateArray()
            .Single(e => e.GetProperty("entity_id").GetString() == "sensor.kitchen_temperature");

        Assert.Equal("update", data.GetProperty("action").GetString());
        Assert.Equal("sensor.kitchen_temperature", data.GetProperty("entity_id").GetString());
        Assert.Equal(JsonValueKind.Null, data.GetProperty("changes").GetProperty("area_id").ValueKind);
        Assert.Equal("office", entry.GetProperty("area_id").GetString());
    }

    [Fact]
    public async Task RenameDevice_Subscribed_FiresDeviceRegistryUpdatedAndListShowsNewName()
    {
        await using var sim = await SimulatorFixture.StartAsync();
        var device = sim.Devices.First(d => d.NameByUser is null);
        await using var client = await HaTestClient.ConnectAuthenticatedAsync(sim);
        var sub = await client.SendCommandAsync("""{"type":"subscribe_events","event_type":"device_registry_updated"}""");
        await client.ReceiveResultAsync(sub);

        sim.RenameDevice(device.Id, "My Sensor");
        var data = (await client.ReceiveEventAsync(sub)).GetProperty("event").GetProperty("data");

        Assert.Equal(device.Id, data.GetProperty("device_id").GetString());
        Assert.Equal(JsonValueKind.Null, data.GetProperty("changes").GetProperty("name_by_user").ValueKind);
        Assert.Equal("My Sensor", sim.Devices.Single(d => d.Id == device.Id).NameByUser);
    }

    [Fact]
    public async Task SetEntityArea_UnknownArea_Throws()
    {
        await using var sim = await SimulatorFixture.StartAsync();

        Assert.Throws<ArgumentException>(() => sim.SetEntityArea("sensor.kitchen_temperature", "attic"));
    }

    [Fact]
    public async Task AddArea_NewName_AppearsInAreaListAndCanBeAssigned()
    {
        await using var sim = await SimulatorFixture.StartAsync();

        var areaId = sim.AddArea("Attic");
        var device = sim.Devices[0];
        sim.SetDeviceArea(device.Id, areaId);

        Assert.Equal("attic", areaId);
        Assert.Contains(sim.Areas, a => a.AreaId == "attic" && a.Name == "Attic");
        Assert.Equal("attic", sim.Devices[0].AreaId);
    }
}
