using System.Text;
using System.Text.Json;

namespace HaIngestor.Infra.Tests;

/// <summary>The Bicep files compile and lint clean with the repository's bicepconfig.json.</summary>
public sealed class BicepTemplateTests
{
    [Fact]
    public async Task Build_MainTemplate_ProducesArmJson()
    {
        var template = await ArmTemplate.MainAsync();

        Assert.Equal(
            "https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#",
            template.Root.GetProperty("$schema").GetString());
        Assert.NotEmpty(template.Resources);
    }

    [Fact]
    public async Task Lint_EveryBicepFile_ReportsNoDiagnostics()
    {
        var files = Directory.GetFiles(RepositoryPaths.InfraFolder, "*.bicep", SearchOption.AllDirectories);

        var result = await BicepCli.RunAsync(
            RepositoryPaths.Root, "lint", "--pattern", "infra/bicep/**/*.bicep", "--diagnostics-format", "Sarif");

        Assert.True(result.ExitCode == 0, result.ToString());
        var reports = ReadSarifReports(result.StandardOutput);
        // One SARIF report per file: proves the pattern reached every file, not just that nothing complained.
        Assert.Equal(files.Length, reports.Count);
        var diagnostics = reports.SelectMany(report => report).ToList();
        Assert.True(diagnostics.Count == 0, string.Join('\n', diagnostics));
        Assert.True(string.IsNullOrWhiteSpace(result.StandardError), result.StandardError);
    }

    [Fact]
    public async Task Lint_FileWithFinding_ReportsIt()
    {
        // Guards the test above against passing vacuously: the same config must flag an obvious finding.
        var folder = Directory.CreateTempSubdirectory("hai-bicep-lint-");
        try
        {
            File.Copy(Path.Combine(RepositoryPaths.InfraFolder, "bicepconfig.json"), Path.Combine(folder.FullName, "bicepconfig.json"));
            await File.WriteAllTextAsync(
                Path.Combine(folder.FullName, "bad.bicep"),
                "param unused string\n",
                Encoding.UTF8);

            var result = await BicepCli.RunAsync(folder.FullName, "lint", "bad.bicep", "--diagnostics-format", "Sarif");

            var diagnostics = ReadSarifReports(result.StandardOutput).SelectMany(report => report).ToList();
            Assert.Contains(diagnostics, diagnostic => diagnostic.Contains("no-unused-params", StringComparison.Ordinal));
            Assert.NotEqual(0, result.ExitCode);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>The CLI writes one SARIF document per linted file, back to back.</summary>
    private static List<List<string>> ReadSarifReports(string output)
    {
        var reports = new List<List<string>>();
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(output), new JsonReaderOptions { AllowMultipleValues = true });
        while (reader.Read())
        {
            using (var document = JsonDocument.ParseValue(ref reader))
            {
                var results = document.RootElement.GetProperty("runs").EnumerateArray()
                    .SelectMany(run => run.GetProperty("results").EnumerateArray())
                    .Select(diagnostic => diagnostic.GetRawText())
                    .ToList();
                reports.Add(results);
            }
        }

        return reports;
    }
}
