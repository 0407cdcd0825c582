namespace HaIngestor.Simulator.Tests;

public sealed class HaSimulatorHomeTests
{
    [Fact]
    public async Task StartAsync_SameSeed_BuildsTheSameHomeAndActivity()
    {
        await using var first = await SimulatorFixture.StartAsync(o => o.Seed = 7);
        await using var second = await SimulatorFixture.StartAsync(o => o.Seed = 7);

        await first.FireBurstAsync(500);
        await second.FireBurstAsync(500);

        Assert.Equal(first.Devices.Select(d => d.Id), second.Devices.Select(d => d.Id));
        Assert.Equal(first.GetStates().Select(s => (s.EntityId, s.State)), second.GetStates().Select(s => (s.EntityId, s.State)));
    }

    [Fact]
    public async Task StartAsync_DifferentSeed_BuildsDifferentIds()
    {
        await using var first = await SimulatorFixture.StartAsync(o => o.Seed = 7);
        await using var second = await SimulatorFixture.StartAsync(o => o.Seed = 8);

        Assert.NotEqual(first.Devices[0].Id, second.Devices[0].Id);
    }

    [Fact]
    public async Task Home_Furnished_HasTheRealisticEntitiesClientsRelyOn()
    {
        await using var sim = await SimulatorFixture.StartAsync();

        var energy = sim.GetState("sensor.house_energy")!;
        var power = sim.GetState("sensor.house_power")!;
        var humidity = sim.GetState("sensor.bedroom_humidity")!;
        var weather = sim.GetState("weather.home")!;
        var climate = sim.GetState("climate.living_room")!;

        Assert.Equal(("kWh", "energy", "total_increasing"), (energy.Attributes["unit_of_measurement"], energy.Attributes["device_class"], energy.Attributes["state_class"]));
        Assert.Equal(("W", "power"), (power.Attributes["unit_of_measurement"], power.Attributes["device_class"]));
        Assert.Equal("%", humidity.Attributes["unit_of_measurement"]);
        Assert.True(weather.Attributes.ContainsKey("temperature") && weather.Attributes.ContainsKey("humidity") &&
                    weather.Attributes.ContainsKey("pressure") && weather.Attributes.ContainsKey("wind_speed"));
        Assert.True(climate.Attributes.ContainsKey("current_temperature") && climate.Attributes.ContainsKey("hvac_modes"));
        Assert.Contains(sim.EntityIds, id => id.StartsWith("binary_sensor.", StringComparison.Ordinal));
        Assert.Contains(sim.EntityIds, id => id.StartsWith("automation.", StringComparison.Ordinal));
        Assert.Contains(sim.EntityIds, id => id.StartsWith("switch.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SetState_SameStateAndAttributes_FiresNothing()
    {
        await using var sim = await SimulatorFixture.StartAsync();
        var current = sim.GetState("switch.coffee_machine")!;
        var fired = sim.EventsFired;

        sim.SetState(current.EntityId, current.State, current.Attributes);

        Assert.Equal(fired, sim.EventsFired);
        Assert.Equal(current.LastUpdated, sim.GetState(current.EntityId)!.LastUpdated);
    }
}
