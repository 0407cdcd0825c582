namespace HaIngestor.Simulator.Home;

/// <summary>What HA does when an automation fires: automation_triggered, then the automation's last_triggered moves.</summary>
internal static class AutomationRun
{
    /// <summary>Fires the two events of one run; the caller holds the home's lock. Returns the events fired.</summary>
    public static int Trigger(SimulatedHome home, string entityId, string source, HaContext? parent = null)
    {
        var current = home.GetState(entityId);
        if (current is null)
        {
            return 0;
        }

        var context = home.NewContext(parent?.Id);
        var name = current.Attributes.GetValueOrDefault("friendly_name") as string ?? entityId;
        home.Fire("automation_triggered", new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["name"] = name,
            ["entity_id"] = entityId,
            ["source"] = source,
        }, context);
        var attrs = new Dictionary<string, object?>(current.Attributes, StringComparer.Ordinal)
        {
            ["last_triggered"] = home.Now(),
        };
        home.SetState(entityId, current.State, attrs, context);
        return 2;
    }
}
