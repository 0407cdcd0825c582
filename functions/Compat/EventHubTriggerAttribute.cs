using Microsoft.Azure.Functions.Worker.Extensions.Abstractions;

namespace Microsoft.Azure.Functions.Worker;

/// <summary>
/// Source-compatible stand-in for the Event Hubs worker extension's trigger attribute, for feeds that do not serve
/// it: same namespace, name, constructor, properties and cardinality, so the Worker SDK's generator writes the same
/// <c>eventHubTrigger</c> binding into <c>functions.metadata</c>. Deployment builds use the official package instead
/// (<c>-p:UseOfficialEventHubsExtension=true</c>).
/// </summary>
[BindingCapabilities(KnownBindingCapabilities.FunctionLevelRetry)]
public sealed class EventHubTriggerAttribute : TriggerBindingAttribute, ISupportCardinality
{
    private bool _isBatched = true;

    /// <summary>Creates the attribute for the given event hub (an app setting reference like <c>%EventHubName%</c> is allowed).</summary>
    public EventHubTriggerAttribute(string eventHubName) => EventHubName = eventHubName;

    /// <summary>Name of the event hub.</summary>
    public string EventHubName { get; private set; }

    /// <summary>Consumer group; the host uses <c>$Default</c> when missing.</summary>
    public string? ConsumerGroup { get; set; }

    /// <summary>Name of the app setting (or setting prefix for identity-based connections) of the Event Hubs connection.</summary>
    public string? Connection { get; set; }

    /// <summary>Whether events arrive in batches. Default true.</summary>
    [DefaultValue(true)]
    public bool IsBatched
    {
        get => _isBatched;
        set => _isBatched = value;
    }

    Cardinality ISupportCardinality.Cardinality
    {
        get => _isBatched ? Cardinality.Many : Cardinality.One;
        set => _isBatched = value == Cardinality.Many;
    }
}
