namespace HaIngestor.Infra.Tests.Kql;

/// <summary>A KQL query found in the deployment, named by where it lives.</summary>
internal sealed record KqlQuery(string Name, string Text);
