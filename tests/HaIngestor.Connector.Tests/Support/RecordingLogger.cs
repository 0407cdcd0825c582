using Microsoft.Extensions.Logging;

namespace HaIngestor.Connector.Tests.Support;

/// <summary>A logger that keeps the event ids and messages it was given, to count log lines per episode.</summary>
internal sealed class RecordingLogger<T> : ILogger<T>
{
    private readonly Lock _gate = new();
    private readonly List<int> _eventIds = [];
    private readonly List<string> _messages = [];

    /// <summary>Every formatted message, in order.</summary>
    public IReadOnlyList<string> Messages
    {
        get
        {
            lock (_gate)
            {
                return [.. _messages];
            }
        }
    }

    public int Count(int eventId)
    {
        lock (_gate)
        {
            return _eventIds.Count(id => id == eventId);
        }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_gate)
        {
            _eventIds.Add(eventId.Id);
            _messages.Add(formatter(state, exception));
        }
    }
}
