namespace HaIngestor.Simulator.Protocol;

/// <summary>A command that fails its schema (HA's <c>vol.Invalid</c>), answered with <c>invalid_format</c>.</summary>
internal sealed class InvalidFormatException(string message) : Exception(message);
