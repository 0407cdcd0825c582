using System.Text.Json;
using HaIngestor.Simulator.Home;

namespace HaIngestor.Simulator.Protocol;

/// <summary>The little of voluptuous the commands need, with its error wording.</summary>
internal static class Schema
{
    public static void Allow(JsonElement msg, params string[] keys)
    {
        foreach (var property in msg.EnumerateObject())
        {
            if (property.Name is "id" or "type" || keys.Contains(property.Name, StringComparer.Ordinal))
            {
                continue;
            }

            throw new InvalidFormatException($"extra keys not allowed @ data['{property.Name}']. Got {property.Value.GetRawText()}");
        }
    }

    public static JsonElement Required(JsonElement msg, string key, JsonValueKind kind)
    {
        if (!msg.TryGetProperty(key, out var value))
        {
            throw new InvalidFormatException($"required key not provided @ data['{key}']. Got None");
        }

        if (value.ValueKind != kind)
        {
            throw new InvalidFormatException($"expected {Name(kind)} for dictionary value @ data['{key}']. Got {value.GetRawText()}");
        }

        return value;
    }

    public static string? OptionalString(JsonElement msg, string key)
    {
        if (!msg.TryGetProperty(key, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new InvalidFormatException($"expected str for dictionary value @ data['{key}']. Got {value.GetRawText()}");
    }

    public static IReadOnlyDictionary<string, object?>? OptionalObject(JsonElement msg, string key)
    {
        if (!msg.TryGetProperty(key, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Object
            ? (IReadOnlyDictionary<string, object?>)HaJson.ToPlain(value)!
            : throw new InvalidFormatException($"expected dict for dictionary value @ data['{key}']. Got {value.GetRawText()}");
    }

    private static string Name(JsonValueKind kind) => kind switch
    {
        JsonValueKind.String => "str",
        JsonValueKind.Number => "int",
        JsonValueKind.Object => "dict",
        JsonValueKind.Array => "list",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
