using System.Globalization;
using System.Text.Json;

namespace HaIngestor.Connector.AddOn;

/// <summary>
/// Turns the add-on's <c>options.json</c> into the connector's configuration keys. A value of the wrong type, an
/// unknown value or a missing companion option throws a <see cref="FormatException"/> naming the option, so the
/// add-on stops at start with a message the user can act on in the add-on's Configuration tab.
/// </summary>
internal static class AddOnOptionsReader
{
    private static readonly HashSet<string> Known = [.. AddOnOptions.All.Select(o => o.Name)];

    /// <summary>Reads <paramref name="json"/> (the whole file) into configuration keys.</summary>
    public static Dictionary<string, string?> Read(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"options.json is not valid JSON ({ex.Message}).", ex);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("options.json must hold a JSON object of the add-on's options.");
            }

            return Map(document.RootElement);
        }
    }

    private static Dictionary<string, string?> Map(JsonElement root)
    {
        foreach (var property in root.EnumerateObject())
        {
            string name;
            try
            {
                name = property.Name;
            }
            catch (InvalidOperationException ex)
            {
                // An unpaired surrogate escape (\ud83c alone) is valid JSON but no text.
                throw new FormatException("options.json holds an option name that is not valid text (an unpaired \\uD800-\\uDFFF escape).", ex);
            }

            if (!Known.Contains(name))
            {
                throw new FormatException($"Add-on option '{name}' is not one this version knows; remove it from the add-on's configuration.");
            }
        }

        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var transport = Choice(root, AddOnOptions.Transport, AddOnOptions.Transports) ?? "influxdb";
        switch (transport)
        {
            case "event_hubs":
                MapEventHubs(root, values);
                break;
            case "influxdb":
                MapInfluxDb(root, values);
                break;
            default:
                values["Connector:Transport"] = "Direct";
                values["Direct:Sink"] = "Files";
                break;
        }

        values["Pipeline:Schema"] = Choice(root, "schema", ["default", "homeassistant"]) switch
        {
            "homeassistant" => "HomeAssistant",
            _ => "Default",
        };
        Set(values, "HomeAssistant:Home", Text(root, "home"));
        List(root, "event_types", values, "HomeAssistant:EventTypes");
        List(root, "include_domains", values, "HomeAssistant:Include:Domains");
        List(root, "include_entities", values, "HomeAssistant:Include:Entities");
        List(root, "include_entity_globs", values, "HomeAssistant:Include:EntityGlobs");
        List(root, "exclude_domains", values, "HomeAssistant:Exclude:Domains");
        List(root, "exclude_entities", values, "HomeAssistant:Exclude:Entities");
        List(root, "exclude_entity_globs", values, "HomeAssistant:Exclude:EntityGlobs");
        MapWeather(root, values);
        if (Choice(root, "log_level", ["trace", "debug", "info", "warning", "error"]) is { } level)
        {
            values["Logging:LogLevel:Default"] = level switch
            {
                "trace" => "Trace",
                "debug" => "Debug",
                "warning" => "Warning",
                "error" => "Error",
                _ => "Information",
            };
        }

        return values;
    }

    private static void MapEventHubs(JsonElement root, Dictionary<string, string?> values)
    {
        values["Connector:Transport"] = "EventHubs";
        var connectionString = Text(root, "event_hubs_connection_string");
        var ns = Text(root, "event_hubs_namespace");
        if (connectionString is null && ns is null)
        {
            throw new FormatException(
                "Add-on option 'event_hubs_connection_string' is required when 'transport' is event_hubs: the connection string of a " +
                "shared access policy with the Send right on the event hub (or 'event_hubs_namespace' where a managed identity exists).");
        }

        if (connectionString is not null
            && !(connectionString.Contains("Endpoint=", StringComparison.OrdinalIgnoreCase)
                 && (connectionString.Contains("SharedAccessKey=", StringComparison.OrdinalIgnoreCase)
                     || connectionString.Contains("SharedAccessSignature=", StringComparison.OrdinalIgnoreCase))))
        {
            // The value itself is never echoed: it is a secret, even when malformed.
            throw new FormatException(
                "Add-on option 'event_hubs_connection_string' must look like Endpoint=sb://NAMESPACE.servicebus.windows.net/;SharedAccessKeyName=...;SharedAccessKey=...;EntityPath=HUB.");
        }

        Set(values, "EventHubs:ConnectionString", connectionString);
        Set(values, "EventHubs:FullyQualifiedNamespace", ns);
        Set(values, "EventHubs:EventHubName", Text(root, "event_hubs_name"));
        values["EventHubs:TransportType"] = Choice(root, "event_hubs_transport", ["amqp_websockets", "amqp_tcp"]) == "amqp_tcp"
            ? "AmqpTcp"
            : "AmqpWebSockets";
    }

    private static void MapInfluxDb(JsonElement root, Dictionary<string, string?> values)
    {
        values["Connector:Transport"] = "Direct";
        values["Direct:Sink"] = "InfluxDb";
        var url = Text(root, "influxdb_url") ?? throw new FormatException(
            "Add-on option 'influxdb_url' is required when 'transport' is influxdb, e.g. http://a0d7b954-influxdb:8086 for the InfluxDB add-on.");
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new FormatException($"Add-on option 'influxdb_url' must be an http or https URL; got '{url}'.");
        }

        values["InfluxDb:Url"] = url;
        var v1 = (Choice(root, "influxdb_api", ["v1", "v2"]) ?? "v1") == "v1";
        values["InfluxDb:ApiVersion"] = v1 ? "V1" : "V2";
        if (v1)
        {
            values["InfluxDb:Database"] = Text(root, "influxdb_database") ?? throw new FormatException(
                "Add-on option 'influxdb_database' is required when 'influxdb_api' is v1 (InfluxDB 1.x, e.g. the InfluxDB add-on).");
            var user = Text(root, "influxdb_username");
            var password = Text(root, "influxdb_password");
            if ((user is null) != (password is null))
            {
                throw new FormatException("Add-on options 'influxdb_username' and 'influxdb_password' go together: set both or neither.");
            }

            Set(values, "InfluxDb:Username", user);
            Set(values, "InfluxDb:Password", password);
        }
        else
        {
            values["InfluxDb:Token"] = Text(root, "influxdb_token") ?? throw new FormatException(
                "Add-on option 'influxdb_token' is required when 'influxdb_api' is v2 (an API token with write access to the bucket).");
            values["InfluxDb:Org"] = Text(root, "influxdb_org") ?? throw new FormatException("Add-on option 'influxdb_org' is required when 'influxdb_api' is v2.");
            values["InfluxDb:Bucket"] = Text(root, "influxdb_bucket") ?? throw new FormatException("Add-on option 'influxdb_bucket' is required when 'influxdb_api' is v2.");
        }
    }

    private static void MapWeather(JsonElement root, Dictionary<string, string?> values)
    {
        var provider = Choice(root, "weather_provider", ["none", "home_assistant", "openweathermap"]) ?? "none";
        values["Weather:Provider"] = provider switch
        {
            "home_assistant" => "HomeAssistant",
            "openweathermap" => "OpenWeatherMap",
            _ => "None",
        };
        Set(values, "Weather:EntityId", Text(root, "weather_entity"));
        var latitude = Number(root, "weather_latitude", -90, 90);
        var longitude = Number(root, "weather_longitude", -180, 180);
        if (provider == "openweathermap")
        {
            values["Weather:ApiKey"] = Text(root, "weather_api_key") ?? throw new FormatException(
                "Add-on option 'weather_api_key' is required when 'weather_provider' is openweathermap.");
            if (latitude is null || longitude is null)
            {
                throw new FormatException("Add-on options 'weather_latitude' and 'weather_longitude' are required when 'weather_provider' is openweathermap.");
            }
        }

        Set(values, "Weather:Latitude", latitude?.ToString(CultureInfo.InvariantCulture));
        Set(values, "Weather:Longitude", longitude?.ToString(CultureInfo.InvariantCulture));
    }

    private static string? Text(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw new FormatException($"Add-on option '{name}' must be text; got a JSON {value.ValueKind.ToString().ToLowerInvariant()}.");
        }

        var text = Unescape(value, name).Trim();
        return text.Length == 0 ? null : text;
    }

    private static string? Choice(JsonElement root, string name, IReadOnlyList<string> allowed)
    {
        var text = Text(root, name);
        if (text is not null && !allowed.Contains(text, StringComparer.Ordinal))
        {
            throw new FormatException($"Add-on option '{name}' must be one of {string.Join(", ", allowed)}; got '{text}'.");
        }

        return text;
    }

    private static double? Number(JsonElement root, string name, double min, double max)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || number < min || number > max)
        {
            throw new FormatException($"Add-on option '{name}' must be a number from {min} to {max}; got {value.GetRawText()}.");
        }

        return number;
    }

    private static void List(JsonElement root, string name, Dictionary<string, string?> values, string key)
    {
        if (!root.TryGetProperty(name, out var list) || list.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        if (list.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException($"Add-on option '{name}' must be a list of text.");
        }

        var index = 0;
        foreach (var item in list.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                throw new FormatException($"Add-on option '{name}' must be a list of text; item {index + 1} is a JSON {item.ValueKind.ToString().ToLowerInvariant()}.");
            }

            if (Unescape(item, name).Trim() is { Length: > 0 } text)
            {
                values[$"{key}:{index++}"] = text;
            }
        }
    }

    private static string Unescape(JsonElement value, string name)
    {
        try
        {
            return value.GetString()!;
        }
        catch (InvalidOperationException ex)
        {
            throw new FormatException($"Add-on option '{name}' is not valid text (an unpaired \\uD800-\\uDFFF escape).", ex);
        }
    }

    private static void Set(Dictionary<string, string?> values, string key, string? value)
    {
        if (value is not null)
        {
            values[key] = value;
        }
    }
}
