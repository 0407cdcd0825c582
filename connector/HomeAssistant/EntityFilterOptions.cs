namespace HaIngestor.Connector.HomeAssistant;

/// <summary>An include or exclude list as Home Assistant's integrations configure them.</summary>
public sealed class EntityFilterOptions
{
    /// <summary>Domains, e.g. <c>sensor</c>.</summary>
    public IList<string> Domains { get; set; } = [];

    /// <summary>Entity ids, e.g. <c>sensor.kitchen_temperature</c>.</summary>
    public IList<string> Entities { get; set; } = [];

    /// <summary>fnmatch-style globs (<c>*</c>, <c>?</c>, <c>[...]</c>), e.g. <c>sensor.*_battery</c>.</summary>
    public IList<string> EntityGlobs { get; set; } = [];

    internal bool IsEmpty => Domains.Count == 0 && Entities.Count == 0 && EntityGlobs.Count == 0;
}
