using System.Globalization;

namespace HaIngestor.Simulator.Home;

/// <summary>
/// Hourly long-term statistics derived from <see cref="RecordedHistory"/>, as the recorder compiles them for sensors
/// with a <c>state_class</c>: mean/min/max for <c>measurement</c>, state/sum/change for <c>total</c> and
/// <c>total_increasing</c>. Only whole hours inside the recorded range. The mean here is the plain mean of the hour's
/// samples (the recorder weights by time; with evenly spaced samples the two agree closely).
/// </summary>
internal static class RecordedStatistics
{
    public static IEnumerable<StatisticRow> HourlyOf(RecordedHistory history, HaState initial)
    {
        if (!initial.Attributes.TryGetValue("state_class", out var stateClass) || stateClass is not ("measurement" or "total" or "total_increasing"))
        {
            yield break;
        }

        var isTotal = stateClass is not "measurement";
        var firstHour = new DateTimeOffset(history.Start.UtcTicks - (history.Start.UtcTicks % TimeSpan.TicksPerHour), TimeSpan.Zero);
        if (firstHour < history.Start)
        {
            firstHour = firstHour.AddHours(1);
        }

        double? firstValue = null;
        double? lastValue = null;
        double previousSum = 0;
        var hour = firstHour;
        var samples = new List<double>();
        foreach (var state in history.StatesOf(initial.EntityId).Append(null))
        {
            while (state is null ? hour.AddHours(1) <= history.End : state.LastUpdated >= hour.AddHours(1))
            {
                if (hour >= firstHour && (samples.Count > 0 || (isTotal && lastValue is not null)))
                {
                    var row = isTotal
                        ? new StatisticRow(hour, null, null, null, lastValue, lastValue - firstValue, lastValue - firstValue - previousSum)
                        : new StatisticRow(hour, samples.Average(), samples.Min(), samples.Max(), null, null, null);
                    previousSum = row.Sum ?? previousSum;
                    yield return row;
                }

                samples.Clear();
                hour = hour.AddHours(1);
                if (state is null && hour.AddHours(1) > history.End)
                {
                    break;
                }
            }

            if (state is null || !double.TryParse(state.State, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                continue;
            }

            firstValue ??= value;
            lastValue = value;
            if (state.LastUpdated >= hour)
            {
                samples.Add(value);
            }
        }
    }
}

/// <summary>One hour of a statistic; null where the statistic has no such type.</summary>
internal sealed record StatisticRow(DateTimeOffset Start, double? Mean, double? Min, double? Max, double? State, double? Sum, double? Change);
