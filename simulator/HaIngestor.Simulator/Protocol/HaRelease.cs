using System.Globalization;

namespace HaIngestor.Simulator.Protocol;

/// <summary>Compares Home Assistant's calendar versions ("2026.11.0", "2026.8.0b3", "2026.12.0.dev0").</summary>
internal static class HaRelease
{
    /// <summary>True when <paramref name="version"/> is year.month or later; an unreadable version counts as current.</summary>
    public static bool IsAtLeast(string version, int year, int month)
    {
        var parts = version.Split('.');
        if (parts.Length < 2 ||
            !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var y) ||
            !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var m))
        {
            return true;
        }

        return y > year || (y == year && m >= month);
    }
}
