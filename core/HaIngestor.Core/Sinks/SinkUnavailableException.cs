namespace HaIngestor.Core.Sinks;

/// <summary>The sink could not be reached or refused the credentials; the batch was not written.</summary>
public sealed class SinkUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SinkUnavailableException(string message, Exception? innerException = null, bool isAuthenticationFailure = false)
        : base(message, innerException) => IsAuthenticationFailure = isAuthenticationFailure;

    /// <summary>Creates the exception.</summary>
    public SinkUnavailableException() : base("The sink is unavailable.") { }

    /// <summary>Creates the exception.</summary>
    public SinkUnavailableException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    public SinkUnavailableException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>True for 401/403: retrying will not help until the credentials are fixed.</summary>
    public bool IsAuthenticationFailure { get; }
}
