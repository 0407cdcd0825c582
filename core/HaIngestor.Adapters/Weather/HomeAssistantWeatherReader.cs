using System.Text.Json;
using HaIngestor.Core.Enrichment;

namespace HaIngestor.Adapters.Weather;

/// <summary>
/// Reads a <c>weather.*</c> state from a <c>state_changed</c> event message (optionally an ingest envelope) and converts
/// its attributes to the units of <see cref="WeatherSnapshot"/> (°C, hPa, m/s).
/// </summary>
internal static class HomeAssistantWeatherReader
{
    private static ReadOnlySpan<byte> WeatherPrefix => "\"weather."u8;

    /// <summary>A weather entity's state as read from an event.</summary>
    internal readonly record struct WeatherState(string EntityId, string State, WeatherSnapshot? Snapshot, DateTimeOffset At);

    /// <summary>Cheap pre-check so the JSON of the vast majority of events is never parsed here.</summary>
    public static bool MayBeWeather(ReadOnlySpan<byte> message) => message.IndexOf(WeatherPrefix) >= 0;

    /// <summary>Reads the new state of a weather entity; false for any other message. Never throws.</summary>
    public static bool TryRead(ReadOnlySpan<byte> message, string? locationName, out WeatherState state)
    {
        state = default;
        if (!MayBeWeather(message))
        {
            return false;
        }

        try
        {
            var reader = new Utf8JsonReader(message);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (!root.TryGetProperty("event", out var evt) || evt.ValueKind != JsonValueKind.Object
                || !IsString(evt, "event_type", "state_changed")
                || !evt.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object
                || !data.TryGetProperty("entity_id", out var entity) || entity.GetString() is not { } entityId
                || !entityId.StartsWith("weather.", StringComparison.Ordinal)
                || !data.TryGetProperty("new_state", out var newState) || newState.ValueKind != JsonValueKind.Object
                || !newState.TryGetProperty("state", out var stateElement) || stateElement.GetString() is not { } condition)
            {
                return false;
            }

            var at = Time(newState, "last_updated") ?? Time(evt, "time_fired") ?? DateTimeOffset.MinValue;
            var attributes = newState.TryGetProperty("attributes", out var a) && a.ValueKind == JsonValueKind.Object ? a : default;
            WeatherSnapshot? snapshot = null;
            if (condition is not ("unavailable" or "unknown" or ""))
            {
                snapshot = new WeatherSnapshot(
                    locationName ?? entityId,
                    condition.ToLowerInvariant(),
                    Temperature(Number(attributes, "temperature"), Text(attributes, "temperature_unit")),
                    Number(attributes, "humidity"),
                    Pressure(Number(attributes, "pressure"), Text(attributes, "pressure_unit")),
                    WindSpeed(Number(attributes, "wind_speed"), Text(attributes, "wind_speed_unit")),
                    Number(attributes, "cloud_coverage"),
                    at);
            }

            state = new WeatherState(entityId, condition, snapshot, at);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            // A member of an unexpected JSON kind (e.g. entity_id a number).
            return false;
        }
    }

    internal static double? Temperature(double? value, string? unit) => value is not { } v ? null : unit switch
    {
        "°F" or "F" => (v - 32d) * 5d / 9d,
        "K" => v - 273.15d,
        _ => v,
    };

    internal static double? Pressure(double? value, string? unit) => value is not { } v ? null : unit switch
    {
        "inHg" => v * 33.8638866667d,
        "mmHg" => v * 1.33322387415d,
        "kPa" or "cbar" => v * 10d,
        "Pa" => v / 100d,
        "psi" => v * 68.9475729318d,
        _ => v, // hPa and mbar are the same unit
    };

    internal static double? WindSpeed(double? value, string? unit) => value is not { } v ? null : unit switch
    {
        "km/h" => v / 3.6d,
        "mph" => v * 0.44704d,
        "kn" or "kt" => v * 0.514444444d,
        "ft/s" => v * 0.3048d,
        _ => v,
    };

    private static bool IsString(JsonElement parent, string name, string expected) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.ValueEquals(expected);

    private static string? Text(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static double? Number(JsonElement parent, string name)
    {
        if (parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetDouble(out var number) && double.IsFinite(number) => number,
            JsonValueKind.String when double.TryParse(value.GetString(), System.Globalization.NumberStyles.Float,
                System.Globalization.CultureInfo.InvariantCulture, out var parsed) && double.IsFinite(parsed) => parsed,
            _ => null,
        };
    }

    private static DateTimeOffset? Time(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.TryGetDateTimeOffset(out var time)
            ? time.ToUniversalTime()
            : null;
}
