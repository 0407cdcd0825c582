using HaIngestor.TestUtilities;

namespace HaIngestor.Fuzz.Tests;

/// <summary>
/// The fuzz targets, run in process (not instrumented): every seed and every input that was ever a finding
/// (fuzz/regressions/&lt;target&gt;/) passes its target, so a fixed crash stays fixed.
/// </summary>
public sealed class FuzzTargetsTests
{
    public static TheoryData<string> Targets() => [.. FuzzTargets.All.Select(target => target.Name)];

    [Theory]
    [MemberData(nameof(Targets))]
    public void Seeds_EveryTarget_PassWithoutFinding(string name)
    {
        var target = FuzzTargets.Find(name)!;

        var seeds = target.Seeds().ToList();

        Assert.True(seeds.Count >= 10, $"{name} has only {seeds.Count} seeds.");
        var findings = Findings(target, seeds.Select((seed, index) => ($"seed {index + 1}", seed)));
        Assert.True(findings.Count == 0, string.Join('\n', findings));
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void Regressions_EveryTarget_PassWithoutFinding(string name)
    {
        var target = FuzzTargets.Find(name)!;
        var folder = RepositoryRoot.Combine("fuzz", "regressions", name);

        var inputs = Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder).Where(file => !Path.GetFileName(file).StartsWith('.')).Order(StringComparer.Ordinal).Select(file => (Path.GetFileName(file), File.ReadAllBytes(file))).ToList()
            : [];

        var findings = Findings(target, inputs);
        Assert.True(findings.Count == 0, string.Join('\n', findings));
    }

    [Fact]
    public void Targets_Always_CoverEveryReaderOfUntrustedBytes()
    {
        Assert.Equal(
            ["deadletters", "event", "frame", "journal", "map-default", "map-homeassistant", "options"],
            FuzzTargets.All.Select(target => target.Name).Order(StringComparer.Ordinal));
    }

    private static List<string> Findings(FuzzTarget target, IEnumerable<(string Name, byte[] Input)> inputs)
    {
        var findings = new List<string>();
        foreach (var (inputName, input) in inputs)
        {
            try
            {
                target.Run(input);
            }
            catch (Exception ex)
            {
                findings.Add($"{target.Name} {inputName}: {ex.GetType().Name}: {ex.Message}");
            }
        }

        return findings;
    }
}
