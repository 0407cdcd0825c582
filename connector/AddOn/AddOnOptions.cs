namespace HaIngestor.Connector.AddOn;

/// <summary>
/// The options the add-on offers (the <c>schema</c> of <c>addon/config.yaml</c>); the add-on's configuration source
/// reads exactly these, and a test checks <c>config.yaml</c> declares the same names and types.
/// </summary>
public static class AddOnOptions
{
    /// <summary>Event Hubs, InfluxDB or line-protocol files.</summary>
    public const string Transport = "transport";

    /// <summary>The values of <see cref="Transport"/>.</summary>
    public static IReadOnlyList<string> Transports { get; } = ["influxdb", "event_hubs", "files"];

    /// <summary>Every option, in the order of <c>config.yaml</c>.</summary>
    public static IReadOnlyList<AddOnOption> All { get; } =
    [
        new(Transport, $"list({string.Join('|', Transports)})"),
        new("influxdb_url", "url?"),
        new("influxdb_api", "list(v1|v2)?"),
        new("influxdb_database", "str?"),
        new("influxdb_username", "str?"),
        new("influxdb_password", "password?"),
        new("influxdb_token", "password?"),
        new("influxdb_org", "str?"),
        new("influxdb_bucket", "str?"),
        new("event_hubs_connection_string", "password?"),
        new("event_hubs_namespace", "str?"),
        new("event_hubs_name", "str?"),
        new("event_hubs_transport", "list(amqp_websockets|amqp_tcp)?"),
        new("schema", "list(default|homeassistant)"),
        new("home", "str?"),
        new("event_types", "[str]"),
        new("include_domains", "[str]"),
        new("include_entities", "[str]"),
        new("include_entity_globs", "[str]"),
        new("exclude_domains", "[str]"),
        new("exclude_entities", "[str]"),
        new("exclude_entity_globs", "[str]"),
        new("weather_provider", "list(none|home_assistant|openweathermap)"),
        new("weather_entity", "str?"),
        new("weather_api_key", "password?"),
        new("weather_latitude", "float?"),
        new("weather_longitude", "float?"),
        new("log_level", "list(trace|debug|info|warning|error)?"),
    ];
}
