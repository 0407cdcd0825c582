using System.Globalization;
using System.Text;

namespace HaIngestor.IntegrationTests.Corpus;

/// <summary>
/// A point as InfluxDB stores it: measurement, tags (empty values are absent), fields (string, double, long or
/// bool) and time in milliseconds. Used for both the expectation and what was read back.
/// </summary>
internal sealed record ExpectedPoint(string Measurement, SortedDictionary<string, string> Tags, SortedDictionary<string, object> Fields, long TimeMs)
{
    /// <summary>Measurement, tags and time: what makes a point unique in InfluxDB.</summary>
    public string Identity
    {
        get
        {
            var sb = new StringBuilder().Append(Measurement);
            foreach (var (key, value) in Tags)
            {
                sb.Append(',').Append(key).Append('=').Append(value);
            }

            return sb.Append(" @").Append(TimeMs.ToString(CultureInfo.InvariantCulture)).ToString();
        }
    }

    public override string ToString()
    {
        var sb = new StringBuilder(Identity).Append(" {");
        foreach (var (key, value) in Fields)
        {
            var text = value switch
            {
                string s => '"' + (s.Length > 120 ? string.Concat(s.AsSpan(0, 120), $"...({s.Length} chars)") : s) + '"',
                double d => d.ToString("R", CultureInfo.InvariantCulture),
                _ => Convert.ToString(value, CultureInfo.InvariantCulture),
            };
            sb.Append(' ').Append(key).Append('=').Append(text).Append(';');
        }

        return sb.Append(" }").ToString();
    }
}
