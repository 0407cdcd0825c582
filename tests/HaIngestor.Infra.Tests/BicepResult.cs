namespace HaIngestor.Infra.Tests;

/// <summary>What one Bicep CLI run printed and returned.</summary>
internal sealed record BicepResult(int ExitCode, string StandardOutput, string StandardError)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{StandardOutput}\nstderr:\n{StandardError}";
}
