using System.Text.Json;

namespace HaIngestor.Simulator.Tests;

/// <summary>config/device_registry/list in the shape of the announced version: child devices since 2026.8.</summary>
public sealed class HaSimulatorDeviceRegistryTests
{
    [Fact]
    public async Task DeviceList_Version202611_ListsChildDevicesWithParentAndOnlyTheirOwnArea()
    {
        await using var sim = await SimulatorFixture.StartAsync();

        var devices = await ListDevicesAsync(sim);

        var thermostat = devices.Single(d => d.GetProperty("name").GetString() == "Living Room Thermostat");
        var valve = devices.Single(d => d.GetProperty("name").GetString() == "Living Room Radiator Valve");
        var rail = devices.Single(d => d.GetProperty("name").GetString() == "Towel Rail Valve");
        Assert.Equal(thermostat.GetProperty("id").GetString(), valve.GetProperty("parent_device_id").GetString());
        Assert.Equal(JsonValueKind.Null, valve.GetProperty("area_id").ValueKind);
        Assert.Equal("bathroom", rail.GetProperty("area_id").GetString());
        Assert.Equal(JsonValueKind.Null, thermostat.GetProperty("parent_device_id").ValueKind);
        Assert.All(devices, d =>
        {
            Assert.Equal(JsonValueKind.String, d.GetProperty("config_entry_id").ValueKind);
            Assert.True(d.TryGetProperty("config_subentry_id", out _));
        });
    }

    [Fact]
    public async Task DeviceList_Version20267_HasNoParentsAndEveryDeviceCarriesTheAreaItIsIn()
    {
        await using var sim = await SimulatorFixture.StartAsync(o => o.HaVersion = "2026.7.3");

        var devices = await ListDevicesAsync(sim);

        var valve = devices.Single(d => d.GetProperty("name").GetString() == "Living Room Radiator Valve");
        Assert.Equal("living_room", valve.GetProperty("area_id").GetString());
        Assert.All(devices, d =>
        {
            Assert.False(d.TryGetProperty("parent_device_id", out _));
            Assert.False(d.TryGetProperty("config_entry_id", out _));
        });
    }

    private static async Task<List<JsonElement>> ListDevicesAsync(HaSimulator sim)
    {
        await using var client = await HaTestClient.ConnectAuthenticatedAsync(sim);
        var id = await client.SendCommandAsync("""{"type":"config/device_registry/list"}""");
        return [.. (await client.ReceiveResultAsync(id)).GetProperty("result").EnumerateArray()];
    }
}
