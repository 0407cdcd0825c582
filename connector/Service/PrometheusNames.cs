using System.Text;

namespace HaIngestor.Connector.Service;

/// <summary>
/// OpenTelemetry instrument names and units to Prometheus names: dots to underscores, the unit as a base-unit suffix
/// (<c>s</c> and <c>ms</c> as <c>_seconds</c>, <c>By</c> as <c>_bytes</c>; annotations such as <c>{event}</c>
/// add nothing), counters ending in <c>_total</c>.
/// </summary>
internal static class PrometheusNames
{
    /// <summary>
    /// Instruments core names for any host whose series the connector has always published under its own prefix
    /// (the data-quality figures), so the names on <c>/metrics</c> stay what dashboards and alerts query.
    /// </summary>
    private static readonly (string From, string To)[] Prefixes = [("haingestor.quality.", "haingestor_connector_quality_")];

    /// <summary>The metric family name of an instrument (without <c>_bucket</c>/<c>_sum</c>/<c>_count</c>).</summary>
    public static string Family(string instrument, string? unit, bool monotonic)
    {
        var name = Sanitize(Renamed(instrument));
        var suffix = BaseUnit(unit) is { } baseUnit ? "_" + baseUnit : string.Empty;
        if (suffix.Length > 0 && !name.EndsWith(suffix, StringComparison.Ordinal))
        {
            name += suffix;
        }

        return monotonic && !name.EndsWith("_total", StringComparison.Ordinal) ? name + "_total" : name;
    }

    /// <summary>
    /// What a value in <paramref name="unit"/> is divided by to be in the base unit (dividing keeps decimal
    /// fractions exact where they can be: 5 ms is 0.005 s, not 0.005000000000000001).
    /// </summary>
    public static double Divisor(string? unit) => unit switch
    {
        "ms" => 1e3,
        "us" => 1e6,
        "ns" => 1e9,
        "KiBy" => 1.0 / 1024,
        "MiBy" => 1.0 / (1024 * 1024),
        _ => 1,
    };

    /// <summary>A label name Prometheus accepts: <c>[a-zA-Z_][a-zA-Z0-9_]*</c>.</summary>
    public static string Sanitize(string name)
    {
        var output = new StringBuilder(name.Length + 1);
        foreach (var c in name)
        {
            output.Append(char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_');
        }

        if (output.Length == 0 || char.IsAsciiDigit(output[0]))
        {
            output.Insert(0, '_');
        }

        return output.ToString();
    }

    /// <summary>Escapes a label value: backslash, double quote and line feed.</summary>
    public static void AppendLabelValue(StringBuilder output, string value)
    {
        foreach (var c in value)
        {
            _ = c switch
            {
                '\\' => output.Append("\\\\"),
                '"' => output.Append("\\\""),
                '\n' => output.Append("\\n"),
                _ => output.Append(c),
            };
        }
    }

    /// <summary>Escapes a help text: backslash and line feed.</summary>
    public static void AppendHelp(StringBuilder output, string value)
    {
        foreach (var c in value)
        {
            _ = c switch
            {
                '\\' => output.Append("\\\\"),
                '\n' => output.Append("\\n"),
                _ => output.Append(c),
            };
        }
    }

    private static string Renamed(string instrument)
    {
        foreach (var (from, to) in Prefixes)
        {
            if (instrument.StartsWith(from, StringComparison.Ordinal))
            {
                return to + instrument[from.Length..];
            }
        }

        return instrument;
    }

    private static string? BaseUnit(string? unit) => unit switch
    {
        "s" or "ms" or "us" or "ns" => "seconds",
        "By" or "KiBy" or "MiBy" => "bytes",
        _ => null,
    };
}
