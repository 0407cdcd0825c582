namespace HaIngestor.Connector.Service;

/// <summary>Overall state in <c>/health</c>.</summary>
internal enum HealthStatus
{
    /// <summary>Every home connected, the transport taking events.</summary>
    Healthy,

    /// <summary>Working around a problem (reconnecting, transport down and journaling): still 200.</summary>
    Degraded,

    /// <summary>Not doing its job (token rejected, no home for too long, journal about to drop): 503.</summary>
    Unhealthy,
}
