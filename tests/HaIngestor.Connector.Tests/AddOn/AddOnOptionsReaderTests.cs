using HaIngestor.Connector.AddOn;

namespace HaIngestor.Connector.Tests.AddOn;

/// <summary>options.json to configuration keys: every option, and bad values rejected with the option's name.</summary>
public sealed class AddOnOptionsReaderTests
{
    [Fact]
    public void Read_InfluxDbV1WithEveryCommonOption_MapsEachToItsSetting()
    {
        var values = AddOnOptionsReader.Read("""
            {
              "transport": "influxdb",
              "influxdb_url": "http://a0d7b954-influxdb:8086",
              "influxdb_api": "v1",
              "influxdb_database": "homeassistant",
              "influxdb_username": "ingestor",
              "influxdb_password": "pw",
              "schema": "homeassistant",
              "home": "cabin",
              "event_types": ["state_changed"],
              "include_domains": ["sensor", "light"],
              "include_entities": ["switch.pump"],
              "include_entity_globs": ["binary_sensor.door_*"],
              "exclude_domains": ["sun"],
              "exclude_entities": ["sensor.noisy"],
              "exclude_entity_globs": ["sensor.*_rssi"],
              "weather_provider": "home_assistant",
              "weather_entity": "weather.forecast_home",
              "log_level": "warning"
            }
            """);

        Assert.Equal("Direct", values["Connector:Transport"]);
        Assert.Equal("InfluxDb", values["Direct:Sink"]);
        Assert.Equal("http://a0d7b954-influxdb:8086", values["InfluxDb:Url"]);
        Assert.Equal("V1", values["InfluxDb:ApiVersion"]);
        Assert.Equal("homeassistant", values["InfluxDb:Database"]);
        Assert.Equal("ingestor", values["InfluxDb:Username"]);
        Assert.Equal("pw", values["InfluxDb:Password"]);
        Assert.Equal("HomeAssistant", values["Pipeline:Schema"]);
        Assert.Equal("cabin", values["HomeAssistant:Home"]);
        Assert.Equal("state_changed", values["HomeAssistant:EventTypes:0"]);
        Assert.Equal("sensor", values["HomeAssistant:Include:Domains:0"]);
        Assert.Equal("light", values["HomeAssistant:Include:Domains:1"]);
        Assert.Equal("switch.pump", values["HomeAssistant:Include:Entities:0"]);
        Assert.Equal("binary_sensor.door_*", values["HomeAssistant:Include:EntityGlobs:0"]);
        Assert.Equal("sun", values["HomeAssistant:Exclude:Domains:0"]);
        Assert.Equal("sensor.noisy", values["HomeAssistant:Exclude:Entities:0"]);
        Assert.Equal("sensor.*_rssi", values["HomeAssistant:Exclude:EntityGlobs:0"]);
        Assert.Equal("HomeAssistant", values["Weather:Provider"]);
        Assert.Equal("weather.forecast_home", values["Weather:EntityId"]);
        Assert.Equal("Warning", values["Logging:LogLevel:Default"]);
    }

    [Fact]
    public void Read_InfluxDbV2_MapsTokenOrgAndBucket()
    {
        var values = AddOnOptionsReader.Read("""
            {"transport":"influxdb","influxdb_url":"https://eu-central-1-1.aws.cloud2.influxdata.com","influxdb_api":"v2",
             "influxdb_token":"tok","influxdb_org":"me","influxdb_bucket":"ha","schema":"default","weather_provider":"none"}
            """);

        Assert.Equal("V2", values["InfluxDb:ApiVersion"]);
        Assert.Equal("tok", values["InfluxDb:Token"]);
        Assert.Equal("me", values["InfluxDb:Org"]);
        Assert.Equal("ha", values["InfluxDb:Bucket"]);
        Assert.Equal("Default", values["Pipeline:Schema"]);
        Assert.Equal("None", values["Weather:Provider"]);
    }

    [Fact]
    public void Read_EventHubsConnectionString_UsesWebSocketsUnlessTcpIsChosen()
    {
        const string ConnectionString = "Endpoint=sb://home-ns.servicebus.windows.net/;SharedAccessKeyName=connector-send;SharedAccessKey=a2V5;EntityPath=ha-events";
        var values = AddOnOptionsReader.Read($$"""{"transport":"event_hubs","event_hubs_connection_string":"{{ConnectionString}}","schema":"default","weather_provider":"none"}""");
        var tcp = AddOnOptionsReader.Read($$"""{"transport":"event_hubs","event_hubs_connection_string":"{{ConnectionString}}","event_hubs_transport":"amqp_tcp","schema":"default","weather_provider":"none"}""");

        Assert.Equal("EventHubs", values["Connector:Transport"]);
        Assert.Equal(ConnectionString, values["EventHubs:ConnectionString"]);
        Assert.Equal("AmqpWebSockets", values["EventHubs:TransportType"]);
        Assert.Equal("AmqpTcp", tcp["EventHubs:TransportType"]);
    }

    [Fact]
    public void Read_EventHubsNamespace_MapsNamespaceAndHub()
    {
        var values = AddOnOptionsReader.Read("""{"transport":"event_hubs","event_hubs_namespace":"home-ns.servicebus.windows.net","event_hubs_name":"ha-events","schema":"default","weather_provider":"none"}""");

        Assert.Equal("home-ns.servicebus.windows.net", values["EventHubs:FullyQualifiedNamespace"]);
        Assert.Equal("ha-events", values["EventHubs:EventHubName"]);
    }

    [Fact]
    public void Read_FilesAndOpenWeatherMap_MapsSinkAndWeather()
    {
        var values = AddOnOptionsReader.Read("""
            {"transport":"files","schema":"default","weather_provider":"openweathermap","weather_api_key":"k","weather_latitude":52.5,"weather_longitude":-13.25}
            """);

        Assert.Equal("Direct", values["Connector:Transport"]);
        Assert.Equal("Files", values["Direct:Sink"]);
        Assert.Equal("OpenWeatherMap", values["Weather:Provider"]);
        Assert.Equal("k", values["Weather:ApiKey"]);
        Assert.Equal("52.5", values["Weather:Latitude"]);
        Assert.Equal("-13.25", values["Weather:Longitude"]);
    }

    [Fact]
    public void Read_EmptyOptionalValuesAndEmptyListItems_AreLeftUnset()
    {
        var values = AddOnOptionsReader.Read("""{"transport":"files","schema":"default","weather_provider":"none","home":"  ","include_domains":["", "sensor"]}""");

        Assert.False(values.ContainsKey("HomeAssistant:Home"));
        Assert.Equal("sensor", values["HomeAssistant:Include:Domains:0"]);
        Assert.False(values.ContainsKey("HomeAssistant:Include:Domains:1"));
    }

    [Theory]
    [InlineData("""{"transport":"mqtt"}""", "'transport'")]
    [InlineData("""{"transport":"influxdb"}""", "'influxdb_url'")]
    [InlineData("""{"transport":"influxdb","influxdb_url":"ftp://x"}""", "'influxdb_url'")]
    [InlineData("""{"transport":"influxdb","influxdb_url":"http://x:8086","influxdb_api":"v3"}""", "'influxdb_api'")]
    [InlineData("""{"transport":"influxdb","influxdb_url":"http://x:8086"}""", "'influxdb_database'")]
    [InlineData("""{"transport":"influxdb","influxdb_url":"http://x:8086","influxdb_database":"d","influxdb_username":"u"}""", "'influxdb_password'")]
    [InlineData("""{"transport":"influxdb","influxdb_url":"http://x:8086","influxdb_api":"v2"}""", "'influxdb_token'")]
    [InlineData("""{"transport":"influxdb","influxdb_url":"http://x:8086","influxdb_api":"v2","influxdb_token":"t"}""", "'influxdb_org'")]
    [InlineData("""{"transport":"influxdb","influxdb_url":"http://x:8086","influxdb_api":"v2","influxdb_token":"t","influxdb_org":"o"}""", "'influxdb_bucket'")]
    [InlineData("""{"transport":"event_hubs"}""", "'event_hubs_connection_string'")]
    [InlineData("""{"transport":"event_hubs","event_hubs_connection_string":"not-a-connection-string"}""", "'event_hubs_connection_string'")]
    [InlineData("""{"transport":"event_hubs","event_hubs_namespace":"n","event_hubs_transport":"http"}""", "'event_hubs_transport'")]
    [InlineData("""{"transport":"files","schema":"influx"}""", "'schema'")]
    [InlineData("""{"transport":"files","home":42}""", "'home'")]
    [InlineData("""{"transport":"files","include_domains":"sensor"}""", "'include_domains'")]
    [InlineData("""{"transport":"files","exclude_entities":[1]}""", "'exclude_entities'")]
    [InlineData("""{"transport":"files","weather_provider":"darksky"}""", "'weather_provider'")]
    [InlineData("""{"transport":"files","weather_provider":"openweathermap"}""", "'weather_api_key'")]
    [InlineData("""{"transport":"files","weather_provider":"openweathermap","weather_api_key":"k","weather_latitude":1}""", "'weather_longitude'")]
    [InlineData("""{"transport":"files","weather_latitude":91}""", "'weather_latitude'")]
    [InlineData("""{"transport":"files","weather_longitude":"east"}""", "'weather_longitude'")]
    [InlineData("""{"transport":"files","log_level":"verbose"}""", "'log_level'")]
    [InlineData("""{"transport":"files","influx_url":"http://x"}""", "'influx_url'")]
    // Found by the options fuzz target: an unpaired surrogate escape is valid JSON but no text, and reading it threw
    // InvalidOperationException (a crash at start-up) instead of a message naming the option.
    [InlineData("""{"transport":"influxdb","influxdb_url":"http://9 \ud83a6","influxdb_database":"t"}""", "'influxdb_url'")]
    [InlineData("""{"transport":"files","include_domains":["\udc00"]}""", "'include_domains'")]
    public void Read_BadValue_ThrowsNamingTheOption(string json, string option)
    {
        var ex = Assert.Throws<FormatException>(() => AddOnOptionsReader.Read(json));

        Assert.Contains(option, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_OptionNameWithUnpairedSurrogate_ThrowsFormatException()
    {
        var ex = Assert.Throws<FormatException>(() => AddOnOptionsReader.Read("""{"transport":"files","sch\ud83cema":"default"}"""));

        Assert.Contains("option name", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MalformedConnectionString_DoesNotEchoIt()
    {
        var ex = Assert.Throws<FormatException>(() => AddOnOptionsReader.Read("""{"transport":"event_hubs","event_hubs_connection_string":"SharedAccessKey=s3cr3t-value"}"""));

        Assert.DoesNotContain("s3cr3t-value", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    public void Read_NotAnObject_ThrowsNamingOptionsJson(string json)
    {
        var ex = Assert.Throws<FormatException>(() => AddOnOptionsReader.Read(json));

        Assert.Contains("options.json", ex.Message, StringComparison.Ordinal);
    }
}
