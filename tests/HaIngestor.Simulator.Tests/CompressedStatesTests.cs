using System.Text.Json;
using HaIngestor.Simulator.Home;
using HaIngestor.Simulator.Protocol;

namespace HaIngestor.Simulator.Tests;

public sealed class CompressedStatesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ForChange_AttributeOnlyChange_SendsLuAndChangedAttributeOnly()
    {
        var old = State("21.0", T0, T0, new() { ["unit_of_measurement"] = "°C", ["battery"] = 90 });
        var current = old with { LastUpdated = T0.AddSeconds(5), Attributes = new Dictionary<string, object?> { ["unit_of_measurement"] = "°C", ["battery"] = 89 } };

        using var doc = JsonDocument.Parse(CompressedStates.ForChange(old, current, Data()));
        var plus = doc.RootElement.GetProperty("c").GetProperty("sensor.t").GetProperty("+");

        Assert.False(plus.TryGetProperty("s", out _));
        Assert.False(plus.TryGetProperty("lc", out _));
        Assert.Equal(HaJson.UnixSeconds(T0.AddSeconds(5)), plus.GetProperty("lu").GetDouble());
        Assert.Equal(["battery"], plus.GetProperty("a").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void ForChange_NewEntity_SendsAdditionWithoutLuWhenEqualToLc()
    {
        var added = State("on", T0, T0, []);

        using var doc = JsonDocument.Parse(CompressedStates.ForChange(null, added, Data()));
        var a = doc.RootElement.GetProperty("a").GetProperty("sensor.t");

        Assert.Equal("on", a.GetProperty("s").GetString());
        Assert.False(a.TryGetProperty("lu", out _));
    }

    [Fact]
    public void ForChange_Removed_SendsR()
    {
        var old = State("on", T0, T0, []);

        Assert.Equal("""{"r":["sensor.t"]}""", System.Text.Encoding.UTF8.GetString(CompressedStates.ForChange(old, null, Data())));
    }

    private static Dictionary<string, object?> Data() => new() { ["entity_id"] = "sensor.t" };

    private static HaState State(string state, DateTimeOffset changed, DateTimeOffset updated, Dictionary<string, object?> attributes) =>
        new("sensor.t", state, attributes, changed, updated, updated, new HaContext("01JDZ8Q7Z6W3M4N5P6Q7R8S9T0", null, null));
}
