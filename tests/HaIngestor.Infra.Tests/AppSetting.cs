using System.Text.Json;
using System.Text.RegularExpressions;

namespace HaIngestor.Infra.Tests;

/// <summary>A name/value pair of an app settings or environment list, the value as JSON or ARM expression text.</summary>
internal sealed partial record AppSetting(string Name, string ValueText)
{
    /// <summary>
    /// Reads a list of <c>{ name, value }</c> objects, whether it compiled to a JSON array or (when the template
    /// builds it with concat/filter) to one ARM expression of <c>createObject('name', 'X', 'value', ...)</c> calls.
    /// </summary>
    public static IReadOnlyList<AppSetting> ReadList(JsonElement list)
    {
        if (list.ValueKind == JsonValueKind.Array)
        {
            return list.EnumerateArray()
                .Select(item => new AppSetting(
                    item.GetProperty("name").GetString()!,
                    item.TryGetProperty("value", out var value) ? value.GetRawText() : string.Empty))
                .ToList();
        }

        var expression = list.GetString() ?? string.Empty;
        var matches = SettingInExpression().Matches(expression);
        var settings = new List<AppSetting>(matches.Count);
        for (var index = 0; index < matches.Count; index++)
        {
            var start = matches[index].Index + matches[index].Length;
            var end = index + 1 < matches.Count ? matches[index + 1].Index : expression.Length;
            settings.Add(new AppSetting(matches[index].Groups["name"].Value, expression[start..end]));
        }

        return settings;
    }

    [GeneratedRegex(@"createObject\('name', '(?<name>[^']+)', 'value', ")]
    private static partial Regex SettingInExpression();
}
