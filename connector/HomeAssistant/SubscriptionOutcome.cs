namespace HaIngestor.Connector.HomeAssistant;

/// <summary>What Home Assistant let a token subscribe to, and what it refused because the user is not an admin.</summary>
/// <param name="Subscribed">Event types subscribed (<c>*</c> for all).</param>
/// <param name="Refused">Configured event types answered <c>unauthorized</c>.</param>
internal sealed record SubscriptionOutcome(IReadOnlyList<string> Subscribed, IReadOnlyList<string> Refused)
{
    /// <summary>For a person: which types were refused, why, what is received instead and what to do. Null when none was refused.</summary>
    public string? Explanation => Refused.Count == 0
        ? null
        : $"Home Assistant refused {string.Join(", ", Refused)} (unauthorized): the token's user is not an administrator, and " +
          "Home Assistant lets other users subscribe only to state_changed and a few registry and interface events. " +
          (Subscribed.Count == 0 ? "Nothing is received. " : $"Receiving {string.Join(", ", Subscribed)}. ") +
          "To receive the rest, use a long-lived access token of an administrator (Settings > People > the user > " +
          "Administrator), or leave those types out of HomeAssistant:EventTypes.";
}
