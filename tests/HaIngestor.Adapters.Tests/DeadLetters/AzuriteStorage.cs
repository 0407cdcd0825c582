using HaIngestor.TestUtilities;

namespace HaIngestor.Adapters.Tests.DeadLetters;

/// <summary>The Azurite blob service of the test run, with a fresh container name per test.</summary>
internal static class AzuriteStorage
{
    /// <summary>The connection string of the test run's Azurite (<see cref="TestServers.AzuriteConnectionString"/>).</summary>
    public static string ConnectionString => TestServers.AzuriteConnectionString;

    /// <summary>A container name no other test uses.</summary>
    public static string NewContainer() => $"dl-{Guid.NewGuid():N}";
}
