using HaIngestor.TestUtilities;

namespace HaIngestor.Adapters.Tests.DeadLetters;

/// <summary>The Azurite blob service of the test run, with a fresh container name per test.</summary>
internal static class AzuriteStorage
{
    // Azurite's documented development account key (public by design). Azurite only accepts this key for
    // devstoreaccount1, so it is used for that account whatever key the environment carries: a mistyped key would
    // otherwise fail every blob test with a signature error that says nothing about the typo.
    private const string DevelopmentAccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>The connection string of <see cref="TestServers.AzuriteConnectionString"/>, with the development key for the development account.</summary>
    public static string ConnectionString
    {
        get
        {
            var parts = TestServers.AzuriteConnectionString
                .Split(';', StringSplitOptions.RemoveEmptyEntries)
                .Select(p => p.Split('=', 2))
                .ToList();
            var isDevelopmentAccount = parts.Any(p => p[0] == "AccountName" && p.Length == 2 && p[1] == "devstoreaccount1");
            return string.Join(';', parts.Select(p =>
                isDevelopmentAccount && p[0] == "AccountKey" ? $"AccountKey={DevelopmentAccountKey}" : string.Join('=', p))) + ";";
        }
    }

    /// <summary>A container name no other test uses.</summary>
    public static string NewContainer() => $"dl-{Guid.NewGuid():N}";
}
