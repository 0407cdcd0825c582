namespace HaIngestor.Connector.HomeAssistant;

/// <summary>The state of every Home Assistant connection, for <c>/health</c> and <c>/metrics</c>.</summary>
public interface IHomeAssistantStatus
{
    /// <summary>One snapshot per configured instance, in configuration order.</summary>
    IReadOnlyList<HomeAssistantHomeStatus> Homes { get; }
}
