namespace HaIngestor.Simulator.Home;

/// <summary>The attribute sets of a color light when off and when on, with HA's color-mode attributes.</summary>
internal static class LightAttributes
{
    private static readonly string[] ColorModes = ["color_temp", "xy"];

    public static Dictionary<string, object?> Off(string name) => new(StringComparer.Ordinal)
    {
        ["min_color_temp_kelvin"] = 2202,
        ["max_color_temp_kelvin"] = 6535,
        ["supported_color_modes"] = ColorModes,
        ["color_mode"] = null,
        ["brightness"] = null,
        ["color_temp_kelvin"] = null,
        ["hs_color"] = null,
        ["rgb_color"] = null,
        ["xy_color"] = null,
        ["friendly_name"] = name,
        ["supported_features"] = 40,
    };

    public static Dictionary<string, object?> On(IReadOnlyDictionary<string, object?> current, int brightness, int kelvin)
    {
        var attrs = new Dictionary<string, object?>(current, StringComparer.Ordinal)
        {
            ["color_mode"] = "color_temp",
            ["brightness"] = Math.Clamp(brightness, 1, 255),
            ["color_temp_kelvin"] = kelvin,
            ["hs_color"] = new[] { 27.5, 44.2 },
            ["rgb_color"] = new[] { 255, 196, 142 },
            ["xy_color"] = new[] { 0.459, 0.383 },
        };
        return attrs;
    }

    public static Dictionary<string, object?> OffFrom(IReadOnlyDictionary<string, object?> current) =>
        new(current, StringComparer.Ordinal)
        {
            ["color_mode"] = null,
            ["brightness"] = null,
            ["color_temp_kelvin"] = null,
            ["hs_color"] = null,
            ["rgb_color"] = null,
            ["xy_color"] = null,
        };
}
