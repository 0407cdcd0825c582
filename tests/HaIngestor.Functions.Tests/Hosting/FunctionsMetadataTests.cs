using System.Text.Json;

namespace HaIngestor.Functions.Tests.Hosting;

/// <summary>
/// The functions.metadata the Worker SDK generates at build is what the Functions host binds triggers from: it must
/// be exactly what the official Event Hubs extension would produce.
/// </summary>
public sealed class FunctionsMetadataTests
{
    [Fact]
    public void ProcessEvents_Metadata_IsABatchedEventHubTriggerFromAppSettings()
    {
        var function = Function("ProcessEvents");
        var binding = Assert.Single(function.GetProperty("bindings").EnumerateArray());

        Assert.Equal("eventHubTrigger", binding.GetProperty("type").GetString());
        Assert.Equal("In", binding.GetProperty("direction").GetString());
        Assert.Equal("Many", binding.GetProperty("cardinality").GetString());
        Assert.Equal("String", binding.GetProperty("dataType").GetString());
        Assert.Equal("%EventHubName%", binding.GetProperty("eventHubName").GetString());
        Assert.Equal("EventHubConnection", binding.GetProperty("connection").GetString());
        Assert.Equal("%EventHubConsumerGroup%", binding.GetProperty("consumerGroup").GetString());
    }

    [Fact]
    public void ProcessEvents_Metadata_HasTheExponentialRetryPolicy()
    {
        var retry = Function("ProcessEvents").GetProperty("retry");

        Assert.Equal("exponentialBackoff", retry.GetProperty("strategy").GetString());
        Assert.Equal(5, retry.GetProperty("maxRetryCount").GetInt32());
        Assert.Equal("00:00:02", retry.GetProperty("minimumInterval").GetString());
        Assert.Equal("00:01:00", retry.GetProperty("maximumInterval").GetString());
    }

    [Fact]
    public void HealthCheck_Metadata_IsATimerEveryFiveMinutes()
    {
        var binding = Assert.Single(Function("HealthCheck").GetProperty("bindings").EnumerateArray());

        Assert.Equal("timerTrigger", binding.GetProperty("type").GetString());
        Assert.Equal("In", binding.GetProperty("direction").GetString());
        Assert.Equal("0 */5 * * * *", binding.GetProperty("schedule").GetString());
    }

    [Fact]
    public void DailySummary_Metadata_IsATimerOnTheScheduleSetting()
    {
        var binding = Assert.Single(Function("DailySummary").GetProperty("bindings").EnumerateArray());

        Assert.Equal("timerTrigger", binding.GetProperty("type").GetString());
        Assert.Equal("In", binding.GetProperty("direction").GetString());
        Assert.Equal("%Summary:Schedule%", binding.GetProperty("schedule").GetString());
    }

    [Fact]
    public void HostJson_IsInTheOutputWithTheEventHubsBatchSettings()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(FindOutputFile("host.json")));
        var eventHubs = document.RootElement.GetProperty("extensions").GetProperty("eventHubs");

        Assert.Equal(500, eventHubs.GetProperty("maxEventBatchSize").GetInt32());
        Assert.Equal(1000, eventHubs.GetProperty("prefetchCount").GetInt32());
    }

    private static JsonElement Function(string name)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(FindOutputFile("functions.metadata")));
        return document.RootElement.EnumerateArray().Single(f => f.GetProperty("name").GetString() == name).Clone();
    }

    /// <summary>The file in the test output (copied from the functions project) or else in the functions project's own output.</summary>
    private static string FindOutputFile(string fileName)
    {
        var local = Path.Combine(AppContext.BaseDirectory, fileName);
        if (File.Exists(local))
        {
            return local;
        }

        // tests/HaIngestor.Functions.Tests/bin/<Configuration>/<tfm>/ -> functions/bin/<Configuration>/<tfm>/
        var tfm = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = tfm.Parent!;
        var repository = configuration.Parent!.Parent!.Parent!.Parent!;
        var candidate = Path.Combine(repository.FullName, "functions", "bin", configuration.Name, tfm.Name, fileName);
        Assert.True(File.Exists(candidate), $"{fileName} was not generated: looked in {local} and {candidate}.");
        return candidate;
    }
}
