namespace HaIngestor.Connector.Transports;

/// <summary>How the transport has been doing: the last success, the last failure and whether it is failing now.</summary>
internal sealed class TransportStatus
{
    private readonly Lock _gate = new();
    private DateTimeOffset? _lastSuccess;
    private DateTimeOffset? _lastFailure;
    private string? _lastError;
    private bool _failing;

    public (bool Failing, DateTimeOffset? LastSuccess, DateTimeOffset? LastFailure, string? LastError) Snapshot()
    {
        lock (_gate)
        {
            return (_failing, _lastSuccess, _lastFailure, _lastError);
        }
    }

    public void Succeeded(DateTimeOffset at)
    {
        lock (_gate)
        {
            _lastSuccess = at;
            _failing = false;
        }
    }

    public void Failed(Exception exception, DateTimeOffset at)
    {
        lock (_gate)
        {
            _lastFailure = at;
            _failing = true;

            // The type name only: exception messages of SDKs can carry endpoints or credentials.
            _lastError = exception.GetType().Name;
        }
    }
}
