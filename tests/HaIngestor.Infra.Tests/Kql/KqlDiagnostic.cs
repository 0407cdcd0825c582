namespace HaIngestor.Infra.Tests.Kql;

/// <summary>One finding of the Kusto language service.</summary>
internal sealed record KqlDiagnostic(string Severity, string Code, string Message, int Start, int Length);
