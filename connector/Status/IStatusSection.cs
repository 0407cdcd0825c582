namespace HaIngestor.Connector.Status;

/// <summary>
/// A section other features add to the status snapshot (<c>/status.json</c>) and so to the status page, which
/// renders every section as a titled table. Register implementations as <c>IStatusSection</c> singletons.
/// </summary>
public interface IStatusSection
{
    /// <summary>Builds the section's current content; called per request, so keep it cheap. Never include a secret.</summary>
    StatusSection Build();
}
