using HaIngestor.Adapters.InfluxDb;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace HaIngestor.Adapters.Tests.InfluxDb;

public sealed class InfluxDbOptionsValidatorTests
{
    [Theory]
    [InlineData(InfluxDbApiVersion.V2, "http://influx:8086", null, "db", "InfluxDb:Token is required for the v2 API")]
    [InlineData(InfluxDbApiVersion.V1, "http://influx:8086", "t", null, "InfluxDb:Database is required for the v1 API")]
    [InlineData(InfluxDbApiVersion.V1, "influx:8086", null, "db", "InfluxDb:Url must be an absolute http or https URL")]
    [InlineData(InfluxDbApiVersion.V1, null, null, "db", "Url")]
    public void Validate_MissingOrBadSetting_FailsNamingIt(InfluxDbApiVersion api, string? url, string? token, string? database, string expected)
    {
        var options = new InfluxDbOptions { ApiVersion = api, Url = url, Token = token, Org = "o", Bucket = "b", Database = database };

        var result = new InfluxDbOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_FailureMessage_NeverContainsTheToken()
    {
        var options = new InfluxDbOptions { Url = "nope", Token = "s3cret-token", Org = "o" };

        var result = new InfluxDbOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.DoesNotContain("s3cret-token", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void StartupValidation_InvalidConfiguration_FailsNamingTheSetting()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["InfluxDb:Url"] = "http://influx:8086", ["InfluxDb:ApiVersion"] = "V1" })
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddInfluxDbSink(configuration.GetSection(InfluxDbOptions.SectionName));
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("InfluxDb:Database", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_CompleteV2_Succeeds()
    {
        var options = new InfluxDbOptions { Url = "https://cloud.example", Token = "t", Org = "o", Bucket = "b" };

        Assert.True(new InfluxDbOptionsValidator().Validate(null, options).Succeeded);
    }
}
