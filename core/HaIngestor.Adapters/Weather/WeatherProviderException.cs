namespace HaIngestor.Adapters.Weather;

/// <summary>A weather provider call failed; the message never contains the request URL (it carries the API key).</summary>
public sealed class WeatherProviderException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WeatherProviderException() : base("The weather provider failed.") { }

    /// <summary>Creates the exception.</summary>
    public WeatherProviderException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    public WeatherProviderException(string message, Exception innerException) : base(message, innerException) { }
}
