using HaIngestor.Adapters.Health;
using HaIngestor.Functions.Functions;
using HaIngestor.Functions.Processing;
using HaIngestor.Functions.Tests.TestSupport;
using HaIngestor.TestUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HaIngestor.Functions.Tests.Hosting;

public sealed class CompositionRootTests
{
    [Fact]
    public async Task AddHaIngestorFunctions_TestSettings_ResolvesEveryFunctionAndValidatesOptions()
    {
        await using var host = FunctionsTestHost.Create(FunctionsTestHost.Settings(TestServers.InfluxDbUrl.ToString(), "unused"));

        host.Get<IStartupValidator>().Validate();

        // Resolving is the check: a missing registration throws.
        _ = host.Get<ProcessEventsFunction>();
        _ = host.Get<HealthCheckFunction>();
        _ = host.Get<DailySummaryFunction>();
        _ = host.Get<EventBatchHandler>();
        _ = host.Get<HealthChecker>();
    }

    [Fact]
    public async Task AddHaIngestorFunctions_DeploymentShapedSettings_Resolves()
    {
        // The settings the infrastructure gives the app (identity-based storage, v2 InfluxDB, Key Vault secrets).
        var settings = new Dictionary<string, string?>
        {
            ["InfluxDb:Url"] = "https://eu-central-1-1.aws.cloud2.influxdata.com",
            ["InfluxDb:Token"] = "token",
            ["InfluxDb:Org"] = "home",
            ["InfluxDb:Bucket"] = "ha",
            ["DeadLetters:ServiceUri"] = "https://account.blob.core.windows.net",
            ["DeadLetters:Container"] = "dead-letters",
            ["DeadLetters:ClientId"] = "00000000-0000-0000-0000-000000000000",
            ["Weather:Provider"] = "OpenWeatherMap",
            ["Weather:ApiKey"] = "key",
            ["Weather:City"] = "Berlin,DE",
        };
        await using var host = FunctionsTestHost.Create(settings);

        host.Get<IStartupValidator>().Validate();
        _ = host.Get<ProcessEventsFunction>();
        _ = host.Get<HealthCheckFunction>();
        _ = host.Get<DailySummaryFunction>();

        // What the settings select: dead letters in Blob Storage, weather from OpenWeatherMap.
        Assert.Equal("BlobDeadLetterStore", host.Get<HaIngestor.Core.DeadLetters.IDeadLetterStore>().GetType().Name);
        Assert.Equal("OpenWeatherMapProvider", host.Get<HaIngestor.Core.Enrichment.IWeatherProvider>().GetType().Name);
    }

    [Fact]
    public async Task AddHaIngestorFunctions_OpenWeatherMapWithoutKey_FailsAtStartNamingTheSetting()
    {
        var settings = FunctionsTestHost.Settings(TestServers.InfluxDbUrl.ToString(), "unused");
        settings["Weather:Provider"] = "OpenWeatherMap";
        settings["Weather:City"] = "Berlin";
        await using var host = FunctionsTestHost.Create(settings);

        var error = Assert.ThrowsAny<Exception>(() => host.Get<IStartupValidator>().Validate());

        var validation = error as OptionsValidationException
            ?? Assert.IsType<OptionsValidationException>(Assert.IsType<AggregateException>(error).InnerExceptions[0]);
        Assert.Contains("Weather:ApiKey", validation.Message, StringComparison.Ordinal);
    }
}
