namespace HaIngestor.Core.Schema;

/// <summary>The context fields every non-state event point carries.</summary>
public static class EventContextKeys
{
    /// <summary>String: the event context's id.</summary>
    public static readonly PointKey ContextId = PointKey.Field("context_id", PointFieldType.String);

    /// <summary>String: the event context's user id, when set.</summary>
    public static readonly PointKey UserId = PointKey.Field("user_id", PointFieldType.String);

    /// <summary>Bool: synthesized after a connection gap.</summary>
    public static readonly PointKey CatchUp = PointKey.Field("catch_up", PointFieldType.Boolean);

    /// <summary>All of them.</summary>
    public static IReadOnlyList<PointKey> All { get; } = [ContextId, UserId, CatchUp];
}
