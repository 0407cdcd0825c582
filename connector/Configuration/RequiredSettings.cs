namespace HaIngestor.Connector.Configuration;

/// <summary>
/// The settings the connector cannot start without in its deployed (Event Hubs) mode, as environment variable
/// names. The infrastructure contract test checks the container app provides each of them.
/// </summary>
public static class RequiredSettings
{
    /// <summary>Settings that must be present.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "HomeAssistant__Url",
        "HomeAssistant__Token",
        "Connector__Transport",
        "EventHubs__FullyQualifiedNamespace",
        "EventHubs__EventHubName",
        "AZURE_CLIENT_ID",
    ];

    /// <summary>Settings that hold secrets: they must come from Key Vault, never as plain values.</summary>
    public static IReadOnlyList<string> Secrets { get; } = ["HomeAssistant__Token"];
}
