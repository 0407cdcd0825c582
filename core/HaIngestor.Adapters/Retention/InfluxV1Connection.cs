namespace HaIngestor.Adapters.Retention;

/// <summary>Where an InfluxDB 1.x database is and how to log in (v1 API).</summary>
/// <param name="Url">Base URL, e.g. http://localhost:8086.</param>
/// <param name="Database">The database name.</param>
/// <param name="Username">User for basic authentication, or null when authentication is off.</param>
/// <param name="Password">Password for basic authentication.</param>
public sealed record InfluxV1Connection(Uri Url, string Database, string? Username = null, string? Password = null)
{
    /// <summary>Never prints the password.</summary>
    public override string ToString() => $"{Url} database {Database}";
}
