namespace HaIngestor.Functions.Configuration;

/// <summary>
/// The app settings the function app cannot start without. The infrastructure contract test checks the function
/// app's settings provide each of them.
/// </summary>
public static class RequiredSettings
{
    /// <summary>Settings that must be present.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "EventHubName",
        "EventHubConsumerGroup",
        "EventHubConnection__fullyQualifiedNamespace",
        "EventHubConnection__credential",
        "EventHubConnection__clientId",
        "AzureWebJobsStorage__accountName",
        "AzureWebJobsStorage__credential",
        "AzureWebJobsStorage__clientId",
        "InfluxDb__Url",
        "InfluxDb__Token",
        "InfluxDb__Org",
        "InfluxDb__Bucket",
        "DeadLetters__ServiceUri",
        "DeadLetters__Container",
        "Weather__Provider",
        "Summary__Schedule",
        "APPLICATIONINSIGHTS_CONNECTION_STRING",
    ];

    /// <summary>Settings that hold secrets: they must be Key Vault references, never plain values.</summary>
    public static IReadOnlyList<string> Secrets { get; } = ["InfluxDb__Token", "Weather__ApiKey", "Redis__ConnectionString"];
}
