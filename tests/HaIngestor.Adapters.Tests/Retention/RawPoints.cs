using System.Globalization;
using System.Text;

namespace HaIngestor.Adapters.Tests.Retention;

/// <summary>
/// Raw points of several measurements and tag sets over some days, as line protocol, with the summaries they should
/// give computed here. Values are multiples of 0.5, so sums are exact and InfluxDB's mean equals this one bit for bit.
/// </summary>
internal sealed class RawPoints
{
    private readonly List<(string Measurement, KeyValuePair<string, string>[] Tags, DateOnly Day, double Value)> _values = [];

    public string LineProtocol { get; private set; } = string.Empty;

    public static RawPoints Build(DateOnly firstDay, int days)
    {
        var raw = new RawPoints();
        var lines = new StringBuilder();
        for (var d = 0; d < days; d++)
        {
            var day = firstDay.AddDays(d);
            var start = new DateTimeOffset(day, TimeOnly.MinValue, TimeSpan.Zero);
            for (var i = 0; i < 5; i++)
            {
                var time = start.AddHours((i * 4) + 1).ToUnixTimeMilliseconds();
                var temperature = 18 + (d * 2) + (i * 1.5);
                raw.Add(lines, "home_assistant_events", [new("domain", "sensor"), new("entity_id", "sensor.living room,temp=1")], day, temperature, time);
                raw.Add(lines, "home_assistant_events", [new("domain", "sensor"), new("entity_id", "sensor.plain")], day, -(i + d) * 0.5, time);
                if (i % 2 == 0)
                {
                    raw.Add(lines, "°C", [new("entity_id", "kitchen")], day, 20 + i, time + 1);
                }

                // A series that never has a value: no summary.
                lines.Append(CultureInfo.InvariantCulture, $"home_assistant_events,domain=person,entity_id=person.anna state=\"home\" {time}\n");

                // A measurement with strings only: skipped.
                lines.Append(CultureInfo.InvariantCulture, $"text_states,entity_id=input_text.note state=\"x\" {time}\n");
            }

            // A series with a point on one day only and no tags besides one.
            if (d == 1)
            {
                raw.Add(lines, "home_assistant_events", [new("entity_id", "light.k")], day, 1, start.AddHours(23).ToUnixTimeMilliseconds());
            }
        }

        raw.LineProtocol = lines.ToString();
        return raw;
    }

    public static string Key(string measurement, IEnumerable<KeyValuePair<string, string>> tags, DateOnly day) =>
        $"{measurement}|{string.Join(",", tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}={t.Value}"))}|{day:yyyy-MM-dd}";

    public Dictionary<string, DaySummary> ExpectedSummaries() =>
        _values.GroupBy(v => Key(v.Measurement, v.Tags, v.Day), StringComparer.Ordinal).ToDictionary(
            g => g.Key,
            g => new DaySummary(g.Sum(v => v.Value) / g.Count(), g.Min(v => v.Value), g.Max(v => v.Value), g.Count()),
            StringComparer.Ordinal);

    private void Add(StringBuilder lines, string measurement, KeyValuePair<string, string>[] tags, DateOnly day, double value, long time)
    {
        _values.Add((measurement, tags, day, value));
        lines.Append(Escape(measurement, measurement: true));
        foreach (var tag in tags)
        {
            lines.Append(',').Append(Escape(tag.Key, measurement: false)).Append('=').Append(Escape(tag.Value, measurement: false));
        }

        lines.Append(CultureInfo.InvariantCulture, $" value={value:R},state=\"{value:R}\" {time}\n");
    }

    private static string Escape(string text, bool measurement)
    {
        var escaped = text.Replace(",", "\\,", StringComparison.Ordinal).Replace(" ", "\\ ", StringComparison.Ordinal);
        return measurement ? escaped : escaped.Replace("=", "\\=", StringComparison.Ordinal);
    }
}

/// <summary>One day's summary of one series.</summary>
internal sealed record DaySummary(double Mean, double Min, double Max, long Count);
