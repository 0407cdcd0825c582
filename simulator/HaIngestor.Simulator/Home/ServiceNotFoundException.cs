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
        : base($"Action {domain}.{service} not found.")
    {
    }
}
