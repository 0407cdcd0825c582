using HaIngestor.Core.Schema;
using HaIngestor.Core.Serialization;

namespace HaIngestor.Core.Mapping;

/// <summary>Writes <see cref="StatisticPoint"/>s as <c>home_assistant_statistics</c> lines (<see cref="StatisticsKeys"/>).</summary>
public static class StatisticsMapper
{
    /// <summary>Writes one line; false (nothing written) when the row has no finite value.</summary>
    public static bool Write(LineProtocolWriter writer, StatisticPoint point, string? home)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(point);
        writer.BeginLine(StatisticsKeys.Measurement);
        writer.Tag(StatisticsKeys.EntityId.Name, point.StatisticId);
        if (!string.IsNullOrEmpty(home))
        {
            writer.Tag(StatisticsKeys.Home.Name, home);
        }

        var fields = 0;
        fields += Field(writer, StatisticsKeys.Mean, point.Mean);
        fields += Field(writer, StatisticsKeys.Min, point.Min);
        fields += Field(writer, StatisticsKeys.Max, point.Max);
        fields += Field(writer, StatisticsKeys.StatisticState, point.State);
        fields += Field(writer, StatisticsKeys.Sum, point.Sum);
        fields += Field(writer, StatisticsKeys.Change, point.Change);
        if (fields == 0)
        {
            writer.CancelLine();
            return false;
        }

        return writer.EndLine(point.Start);
    }

    private static int Field(LineProtocolWriter writer, PointKey key, double? value)
    {
        if (value is not { } v || !double.IsFinite(v))
        {
            return 0;
        }

        writer.Field(key.Utf8, v);
        return 1;
    }
}
