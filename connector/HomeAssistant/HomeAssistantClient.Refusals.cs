namespace HaIngestor.Connector.HomeAssistant;

internal sealed partial class HomeAssistantClient
{
    // The refusal last reported: the same answer on every reconnect is said once, a different one again.
    private string? _reportedRefusal;

    /// <summary>
    /// A user who is not an admin gets <c>unauthorized</c> for event types outside Home Assistant's allowlist. That is
    /// the token's standing, not a failure: keep what is allowed, stay connected (reconnecting changes nothing), say it once.
    /// </summary>
    private void ReportRefusals(SubscriptionOutcome outcome)
    {
        var key = string.Join(",", outcome.Refused);
        if (outcome.Explanation is not { } explanation || key == _reportedRefusal)
        {
            return;
        }

        _reportedRefusal = key;
        Log.EventTypesRefused(_logger, _displayName, key, outcome.Subscribed.Count == 0 ? "nothing" : string.Join(", ", outcome.Subscribed), explanation);
    }
}
