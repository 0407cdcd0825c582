using System.Collections;
using HaIngestor.Connector.Configuration;
using Microsoft.Extensions.Configuration;

namespace HaIngestor.Connector.Tests.Configuration;

public sealed class EnvironmentAliasesTests
{
    [Fact]
    public void AddEnvironmentAliases_SeedNames_MapOntoSectionKeys()
    {
        var configuration = new ConfigurationManager();
        var environment = new Hashtable
        {
            ["HOME_ASSISTANT_URL"] = "http://ha.local:8123",
            ["HOME_ASSISTANT_TOKEN"] = "secret",
            ["INFLUXDB_BUCKET"] = "ha",
            ["BATCH_SIZE"] = "250",
            ["BATCH_TIMEOUT"] = "2.5",
            ["WEATHER_API_KEY"] = "k",
        };

        configuration.AddEnvironmentAliases(environment);

        Assert.Equal("http://ha.local:8123", configuration["HomeAssistant:Url"]);
        Assert.Equal("secret", configuration["HomeAssistant:Token"]);
        Assert.Equal("ha", configuration["InfluxDb:Bucket"]);
        Assert.Equal("250", configuration["Batching:MaxBatchSize"]);
        Assert.Equal(TimeSpan.FromSeconds(2.5), configuration.GetValue<TimeSpan>("Batching:MaxBatchDelay"));
        Assert.Equal("OpenWeatherMap", configuration["Weather:Provider"]);
    }

    [Fact]
    public void AddEnvironmentAliases_SectionKeyAlreadySet_KeepsIt()
    {
        var configuration = new ConfigurationManager();
        configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["HomeAssistant:Url"] = "http://explicit:8123" });

        configuration.AddEnvironmentAliases(new Hashtable { ["HOME_ASSISTANT_URL"] = "http://alias:8123" });

        Assert.Equal("http://explicit:8123", configuration["HomeAssistant:Url"]);
    }
}
