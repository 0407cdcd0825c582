using HaIngestor.Connector.HomeAssistant;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace HaIngestor.Connector.Tests.HomeAssistant;

public sealed class HomeAssistantOptionsTests
{
    [Fact]
    public async Task AddHomeAssistantClients_MissingToken_StopsStartNamingTheSetting()
    {
        var settings = new Dictionary<string, string?> { ["HomeAssistant:Url"] = "http://homeassistant.local:8123" };

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => ClientHost.StartAsync(settings));

        Assert.Contains("HomeAssistant:Token", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("homeassistant.local:8123")]
    [InlineData("ftp://homeassistant.local")]
    [InlineData("/relative")]
    public void Validate_BadUrl_NamesTheSetting(string url)
    {
        var result = Validate(new HomeAssistantOptions { Url = url, Token = "t" });

        Assert.True(result.Failed);
        Assert.Contains("HomeAssistant:Url", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DuplicateInstanceNames_Fails()
    {
        var options = new HomeAssistantOptions
        {
            Instances =
            [
                new() { Name = "Home", Url = "http://a:8123", Token = "t" },
                new() { Name = "home", Url = "http://b:8123", Token = "t" },
            ],
        };

        var result = Validate(options);

        Assert.True(result.Failed);
        Assert.Contains("unique", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_PingIntervalOutOfRange_NamesTheSetting()
    {
        var result = Validate(new HomeAssistantOptions { Url = "http://a:8123", Token = "t", PingInterval = TimeSpan.Zero });

        Assert.True(result.Failed);
        Assert.Contains("PingInterval", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SingleInstanceWithWss_Succeeds()
    {
        var result = Validate(new HomeAssistantOptions { Url = "wss://ha.example.org/api/websocket", Token = "t" });

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Validate_FailureMessage_NeverContainsTheToken()
    {
        const string token = "secret-token-value-42";
        var result = Validate(new HomeAssistantOptions { Url = "nope", Token = token, Instances = [new() { Url = "nope", Token = token }] });

        Assert.True(result.Failed);
        Assert.DoesNotContain(token, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void EffectiveEventTypes_Configured_ReplaceTheDefaults()
    {
        var options = Bind(new() { ["HomeAssistant:EventTypes:0"] = "state_changed" });

        Assert.Equal(["state_changed"], options.EffectiveEventTypes);
        Assert.Equal(HomeAssistantOptions.DefaultEventTypes, new HomeAssistantOptions().EffectiveEventTypes);
    }

    [Fact]
    public void GetInstances_SingleUrl_UsesHomeAsName()
    {
        var options = Bind(new() { ["HomeAssistant:Url"] = "http://a:8123", ["HomeAssistant:Token"] = "t", ["HomeAssistant:Home"] = "cabin" });

        var instance = Assert.Single(options.GetInstances());

        Assert.Equal("cabin", instance.Name);
        Assert.Equal("http://a:8123", instance.Url);
        Assert.Equal("t", instance.Token);
        Assert.DoesNotContain("t", instance.ToString().Replace("http", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void GetInstances_InstanceWithoutToken_UsesTheSharedToken()
    {
        var options = Bind(new()
        {
            ["HomeAssistant:Token"] = "shared",
            ["HomeAssistant:Instances:0:Name"] = "a",
            ["HomeAssistant:Instances:0:Url"] = "http://a:8123",
            ["HomeAssistant:Instances:1:Name"] = "b",
            ["HomeAssistant:Instances:1:Url"] = "http://b:8123",
            ["HomeAssistant:Instances:1:Token"] = "own",
        });

        Assert.Equal(["shared", "own"], options.GetInstances().Select(i => i.Token));
        Assert.True(Validate(options).Succeeded);
    }

    private static HomeAssistantOptions Bind(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var options = new HomeAssistantOptions();
        configuration.GetSection(HomeAssistantOptions.SectionName).Bind(options);
        return options;
    }

    private static ValidateOptionsResult Validate(HomeAssistantOptions options) =>
        new HomeAssistantOptionsValidator().Validate(HomeAssistantOptions.SectionName, options);
}
