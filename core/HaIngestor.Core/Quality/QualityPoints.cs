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
            writer.Tag(QualityKeys.Domain.Name, change.Domain);
            writer.Tag(QualityKeys.EntityId.Name, change.EntityId);
            writer.Tag(QualityKeys.Home.Name, change.Home);
            writer.Field(QualityKeys.Status.Name, QualityStatusNames.Name(change.Status));
            writer.Field(QualityKeys.PreviousStatus.Name, QualityStatusNames.Name(change.PreviousStatus));
            writer.Field(QualityKeys.Silent.Utf8, change.Silent);
            writer.Field(QualityKeys.StuckUnavailable.Utf8, change.StuckUnavailable);
            writer.Field(QualityKeys.OutOfRange.Utf8, change.OutOfRange);
            // Relative to the point's own time, so the point is the same whenever (and wherever) it is evaluated.
            writer.Field(QualityKeys.LastSeenAgeSeconds.Utf8, Math.Max(0, (change.At - change.LastSeen).TotalSeconds));
            if (change.SilentAfter is { } silentAfter)
            {
                writer.Field(QualityKeys.SilentAfterSeconds.Utf8, silentAfter.TotalSeconds);
            }
            if (change.TypicalInterval is { } typical)
            {
                writer.Field(QualityKeys.TypicalIntervalSeconds.Utf8, typical.TotalSeconds);
            }

            writer.Field(QualityKeys.UnavailableRatio.Utf8, Math.Round(change.UnavailableRatio, 4));
            if (change.LastValue is { } value)
            {
                writer.Field(QualityKeys.LastValue.Utf8, value);
            }

            if (writer.EndLine(change.At))
            {
                lines++;
            }
        }

        return lines;
    }
}
