using System.ComponentModel.DataAnnotations;
using Azure.Messaging.EventHubs;

namespace HaIngestor.Connector.Transports.EventHubs;

/// <summary>
/// Options of the Event Hubs transport (section <c>EventHubs</c>): a namespace reached with
/// <c>DefaultAzureCredential</c> (managed identity; <c>AZURE_CLIENT_ID</c> picks a user-assigned one), or a
/// connection string.
/// </summary>
public sealed class EventHubsOptions : IValidatableObject
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "EventHubs";

    /// <summary>The namespace host, e.g. <c>my-ns.servicebus.windows.net</c>.</summary>
    public string? FullyQualifiedNamespace { get; set; }

    /// <summary>A connection string, instead of <see cref="FullyQualifiedNamespace"/> (development, emulators).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The event hub.</summary>
    public string? EventHubName { get; set; }

    /// <summary>
    /// <c>AmqpTcp</c> (port 5671, the default) or <c>AmqpWebSockets</c> (port 443, for home and corporate networks
    /// that only let HTTPS out; the add-on's default).
    /// </summary>
    [EnumDataType(typeof(EventHubsTransportType))]
    public EventHubsTransportType TransportType { get; set; } = EventHubsTransportType.AmqpTcp;

    /// <summary>
    /// Send attempts after the first failure (exponential backoff with jitter); the only retry in the transport
    /// (the SDK's own is off). After the last one the buffer journals the batch. Default 3.
    /// </summary>
    [Range(0, 100)]
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>First retry delay. Default 1 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:05:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest a single send (one AMQP operation) may take before it counts as failed. Default 20 s.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan TryTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(FullyQualifiedNamespace) && string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return new ValidationResult(
                "EventHubs:FullyQualifiedNamespace (with a managed identity) or EventHubs:ConnectionString is required when Connector:Transport is EventHubs.",
                [nameof(FullyQualifiedNamespace), nameof(ConnectionString)]);
        }

        if (!string.IsNullOrWhiteSpace(FullyQualifiedNamespace) && FullyQualifiedNamespace.Contains("://", StringComparison.Ordinal))
        {
            yield return new ValidationResult(
                "EventHubs:FullyQualifiedNamespace is a host name such as my-ns.servicebus.windows.net, not a URL.",
                [nameof(FullyQualifiedNamespace)]);
        }

        if (string.IsNullOrWhiteSpace(EventHubName) && (ConnectionString is null || !ConnectionString.Contains("EntityPath=", StringComparison.OrdinalIgnoreCase)))
        {
            yield return new ValidationResult("EventHubs:EventHubName is required.", [nameof(EventHubName)]);
        }
    }
}
