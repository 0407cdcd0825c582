using HaIngestor.Connector.HomeAssistant;

namespace HaIngestor.Connector.Tests.HomeAssistant;

/// <summary>The cases of Home Assistant's entityfilter.py, entity by entity.</summary>
public sealed class EntityFilterTests
{
    [Fact]
    public void Allows_NoFilter_AllowsEverything()
    {
        var filter = Create(new(), new());

        Assert.True(filter.IsPassThrough);
        Assert.True(filter.Allows("light.kitchen"));
    }

    [Fact]
    public void Allows_OnlyIncludes_AllowsListedDomainEntityOrGlob()
    {
        var filter = Create(new() { Domains = ["sensor"], Entities = ["light.kitchen"], EntityGlobs = ["switch.*_plug"] }, new());

        Assert.True(filter.Allows("sensor.temperature"));
        Assert.True(filter.Allows("light.kitchen"));
        Assert.True(filter.Allows("switch.coffee_plug"));
        Assert.False(filter.Allows("light.bedroom"));
        Assert.False(filter.Allows("switch.heater"));
    }

    [Fact]
    public void Allows_OnlyExcludes_DropsListedDomainEntityOrGlob()
    {
        var filter = Create(new(), new() { Domains = ["automation"], Entities = ["sensor.noisy"], EntityGlobs = ["sensor.*_rssi"] });

        Assert.False(filter.Allows("automation.good_night"));
        Assert.False(filter.Allows("sensor.noisy"));
        Assert.False(filter.Allows("sensor.plug_rssi"));
        Assert.True(filter.Allows("sensor.temperature"));
    }

    [Fact]
    public void Allows_DomainIncludeWithExcludes_EntityIncludeWinsThenEntityExcludeThenGlobs()
    {
        var filter = Create(
            new() { Domains = ["sensor"], Entities = ["sensor.battery_special"], EntityGlobs = ["binary_sensor.*_door"] },
            new() { Entities = ["sensor.noisy"], EntityGlobs = ["sensor.*_battery*"], Domains = ["binary_sensor"] });

        Assert.True(filter.Allows("sensor.temperature"));
        Assert.False(filter.Allows("sensor.noisy"));
        Assert.False(filter.Allows("sensor.phone_battery_level"));
        Assert.True(filter.Allows("sensor.battery_special"));
        Assert.True(filter.Allows("binary_sensor.front_door"), "an included glob beats an excluded domain");
        Assert.False(filter.Allows("binary_sensor.motion"));
        Assert.False(filter.Allows("light.kitchen"));
    }

    [Fact]
    public void Allows_DomainExcludeWithEntityIncludes_ReadmitsOnlyListedEntities()
    {
        var filter = Create(new() { Entities = ["light.porch"] }, new() { Domains = ["light"], Entities = ["sensor.noisy"] });

        Assert.True(filter.Allows("light.porch"));
        Assert.False(filter.Allows("light.kitchen"));
        Assert.False(filter.Allows("sensor.noisy"));
        Assert.True(filter.Allows("sensor.temperature"), "entities outside the excluded domains pass");
    }

    [Fact]
    public void Allows_OnlyEntityIncludesAndExcludes_AllowsOnlyIncludedEntities()
    {
        var filter = Create(new() { Entities = ["light.porch"] }, new() { Entities = ["light.kitchen"] });

        Assert.True(filter.Allows("light.porch"));
        Assert.False(filter.Allows("light.kitchen"));
        Assert.False(filter.Allows("sensor.temperature"));
    }

    [Theory]
    [InlineData("sensor.?_temp", "sensor.a_temp", true)]
    [InlineData("sensor.?_temp", "sensor.ab_temp", false)]
    [InlineData("sensor.[ab]*", "sensor.bathroom", true)]
    [InlineData("sensor.[!ab]*", "sensor.bathroom", false)]
    [InlineData("sensor.x+y", "sensor.x+y", true)]
    [InlineData("sensor.kitchen", "sensorXkitchen", false)]
    public void Allows_GlobSyntax_MatchesLikeFnmatch(string glob, string entityId, bool expected)
    {
        var filter = Create(new() { EntityGlobs = [glob] }, new());

        Assert.Equal(expected, filter.Allows(entityId));
    }

    private static EntityFilter Create(EntityFilterOptions include, EntityFilterOptions exclude) => new(include, exclude);
}
