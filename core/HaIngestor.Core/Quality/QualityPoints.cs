using HaIngestor.Core.Serialization;

namespace HaIngestor.Core.Quality;

/// <summary>
/// Writes quality status changes as points of the quality measurement (docs/SCHEMA.md): one point per change of an
/// entity's status, never one per event. Tags <c>domain</c>, <c>entity_id</c>, <c>home</c>; every field key has one
/// type (strings <c>status</c> and <c>previous_status</c>, booleans <c>silent</c>, <c>stuck_unavailable</c>,
/// <c>out_of_range</c>, floats for the rest).
/// </summary>
public static class QualityPoints
{
    /// <summary>Appends one line per change to <paramref name="writer"/>; returns the lines written.</summary>
    public static int Write(LineProtocolWriter writer, string measurement, IEnumerable<EntityQualityReport> changes)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentException.ThrowIfNullOrEmpty(measurement);
        ArgumentNullException.ThrowIfNull(changes);
        var lines = 0;
        foreach (var change in changes)
        {
            writer.BeginLine(measurement);
            writer.Tag("domain", change.Domain);
            writer.Tag("entity_id", change.EntityId);
            writer.Tag("home", change.Home);
            writer.Field("status", QualityStatusNames.Name(change.Status));
            writer.Field("previous_status", QualityStatusNames.Name(change.PreviousStatus));
            writer.Field("silent"u8, change.Silent);
            writer.Field("stuck_unavailable"u8, change.StuckUnavailable);
            writer.Field("out_of_range"u8, change.OutOfRange);
            // Relative to the point's own time, so the point is the same whenever (and wherever) it is evaluated.
            writer.Field("last_seen_age_seconds"u8, Math.Max(0, (change.At - change.LastSeen).TotalSeconds));
            writer.Field("silent_after_seconds"u8, change.SilentAfter.TotalSeconds);
            if (change.TypicalInterval is { } typical)
            {
                writer.Field("typical_interval_seconds"u8, typical.TotalSeconds);
            }

            writer.Field("unavailable_ratio"u8, Math.Round(change.UnavailableRatio, 4));
            if (change.LastValue is { } value)
            {
                writer.Field("last_value"u8, value);
            }

            if (writer.EndLine(change.At))
            {
                lines++;
            }
        }

        return lines;
    }
}
