namespace HaIngestor.TestUtilities;

/// <summary>The repository's root folder (the one holding HaIngestor.sln), found from wherever a test assembly runs.</summary>
public static class RepositoryRoot
{
    private static readonly Lazy<string> path = new(Find);

    /// <summary>The root folder.</summary>
    public static string Path => path.Value;

    /// <summary>A path below the root, e.g. <c>Combine("docs", "SCHEMA.md")</c>.</summary>
    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "HaIngestor.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No HaIngestor.sln above {AppContext.BaseDirectory}.");
    }
}
