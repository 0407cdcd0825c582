using System.Text.Json;
using HaIngestor.Connector.HomeAssistant;

namespace HaIngestor.Connector.Tests.HomeAssistant;

public sealed class RegistrySnapshotTests
{
    [Fact]
    public void Lookup_EntityAreaSet_WinsOverDeviceArea()
    {
        var snapshot = Build(
            """[{"entity_id":"light.a","device_id":"d1","area_id":"office"},{"entity_id":"light.b","device_id":"d1","area_id":null},{"entity_id":"sun.sun"}]""",
            """[{"id":"d1","area_id":"kitchen","name":"Hue bulb","name_by_user":"Ceiling"}]""",
            """[{"area_id":"kitchen","name":"Kitchen"},{"area_id":"office","name":"Office"}]""");

        Assert.Equal(new EntityPlacement("Office", "Ceiling"), snapshot.Lookup("light.a"));
        Assert.Equal(new EntityPlacement("Kitchen", "Ceiling"), snapshot.Lookup("light.b"));
        Assert.Equal(default, snapshot.Lookup("sun.sun"));
        Assert.Equal(default, snapshot.Lookup("unknown.entity"));
        Assert.Equal(default, snapshot.Lookup(null));
    }

    [Fact]
    public void Lookup_DeviceWithoutUserName_UsesName()
    {
        var snapshot = Build(
            """[{"entity_id":"sensor.t","device_id":"d2"}]""",
            """[{"id":"d2","area_id":null,"name":"Thermometer","name_by_user":null}]""",
            "[]");

        Assert.Equal(new EntityPlacement(null, "Thermometer"), snapshot.Lookup("sensor.t"));
    }

    [Fact]
    public void Lookup_ChildDeviceWithoutArea_InheritsUpTheParentChain()
    {
        // The 2026.8 shape: a child's area_id is only an area set on it; otherwise it is where its parent is.
        var snapshot = Build(
            """[{"entity_id":"sensor.valve","device_id":"valve"},{"entity_id":"sensor.head","device_id":"head"},{"entity_id":"sensor.rail","device_id":"rail"}]""",
            """
            [{"id":"hub","area_id":"living_room","name":"Thermostat","parent_device_id":null},
             {"id":"valve","area_id":null,"name":"Valve","parent_device_id":"hub"},
             {"id":"head","area_id":null,"name":"Valve head","parent_device_id":"valve"},
             {"id":"rail","area_id":"bathroom","name":"Towel rail","parent_device_id":"hub"}]
            """,
            """[{"area_id":"living_room","name":"Living Room"},{"area_id":"bathroom","name":"Bathroom"}]""");

        Assert.Equal(new EntityPlacement("Living Room", "Valve"), snapshot.Lookup("sensor.valve"));
        Assert.Equal(new EntityPlacement("Living Room", "Valve head"), snapshot.Lookup("sensor.head"));
        Assert.Equal(new EntityPlacement("Bathroom", "Towel rail"), snapshot.Lookup("sensor.rail"));
    }

    [Theory]
    [InlineData("""[{"id":"a","area_id":null,"name":"A","parent_device_id":"b"},{"id":"b","area_id":null,"name":"B","parent_device_id":"a"}]""")]
    [InlineData("""[{"id":"a","area_id":null,"name":"A","parent_device_id":"a"}]""")]
    [InlineData("""[{"id":"a","area_id":null,"name":"A","parent_device_id":"gone"}]""")]
    public void Lookup_ParentChainLoopsOrBreaks_EndsWithoutArea(string devices)
    {
        var snapshot = Build("""[{"entity_id":"sensor.a","device_id":"a"}]""", devices, """[{"area_id":"x","name":"X"}]""");

        Assert.Equal(new EntityPlacement(null, "A"), snapshot.Lookup("sensor.a"));
    }

    private static RegistrySnapshot Build(string entities, string devices, string areas)
    {
        using var e = JsonDocument.Parse(entities);
        using var d = JsonDocument.Parse(devices);
        using var a = JsonDocument.Parse(areas);
        return RegistrySnapshot.Build(e.RootElement, d.RootElement, a.RootElement);
    }
}
