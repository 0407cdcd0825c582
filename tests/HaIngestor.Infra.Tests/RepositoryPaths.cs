namespace HaIngestor.Infra.Tests;

/// <summary>Finds files of the repository from wherever the test assembly runs.</summary>
internal static class RepositoryPaths
{
    /// <summary>The folder that holds HaIngestor.sln.</summary>
    public static string Root => HaIngestor.TestUtilities.RepositoryRoot.Path;

    public static string InfraFolder => Path.Combine(Root, "infra", "bicep");

    public static string MainTemplate => Path.Combine(InfraFolder, "main.bicep");

    public static string MainParameters => Path.Combine(InfraFolder, "main.parameters.json");

    /// <summary>The connector's revision template that azd deploys on `azd deploy` (connectorHosting = azure).</summary>
    public static string ConnectorTemplate => Path.Combine(InfraFolder, "connector.bicep");

    public static string ConnectorParameters => Path.Combine(InfraFolder, "connector.parameters.json");

    /// <summary>The parameter file of one hosting profile (home or azure).</summary>
    public static string HostingParameters(string hosting) => Path.Combine(InfraFolder, "hosting", hosting + ".bicepparam");

    public static string Workbook => Path.Combine(InfraFolder, "workbooks", "pipeline.workbook.json");

    public static string NodeTools => Path.Combine(Root, "tests", "node");

    public static string AzureYaml => Path.Combine(Root, "azure.yaml");
}
