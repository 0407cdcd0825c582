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

    private static RegistrySnapshot Build(string entities, string devices, string areas)
    {
        using var e = JsonDocument.Parse(entities);
        using var d = JsonDocument.Parse(devices);
        using var a = JsonDocument.Parse(areas);
        return RegistrySnapshot.Build(e.RootElement, d.RootElement, a.RootElement);
    }
}
