namespace HaIngestor.Connector.Commands;

/// <summary>Process exit codes.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>Something checked or processed failed.</summary>
    public const int Failed = 1;

    /// <summary>The configuration is invalid; the message names the setting.</summary>
    public const int BadConfiguration = 2;

    /// <summary>A server the command needs could not be reached.</summary>
    public const int Unreachable = 3;
}
