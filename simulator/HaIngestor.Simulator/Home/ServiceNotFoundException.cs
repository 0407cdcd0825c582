namespace HaIngestor.Simulator.Home;

/// <summary>Raised for a service the simulated instance does not provide (HA's <c>ServiceNotFound</c>).</summary>
public sealed class ServiceNotFoundException : Exception
{
    public ServiceNotFoundException()
    {
    }

    public ServiceNotFoundException(string message)
        : base(message)
    {
    }

    public ServiceNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ServiceNotFoundException(string domain, string service)
        : base($"Service {domain}.{service} not found.")
    {
        Domain = domain;
        Service = service;
    }

    /// <summary>The domain of the missing service.</summary>
    public string? Domain { get; }

    /// <summary>The name of the missing service.</summary>
    public string? Service { get; }
}
