using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace HaIngestor.Connector.Demo;

/// <summary>
/// Keeps the last few warnings and errors for the demo display instead of printing them over it; counts them all.
/// </summary>
internal sealed class DemoLogCollector : ILoggerProvider
{
    private const int Keep = 4;
    private readonly ConcurrentQueue<string> _recent = new();
    private int _problems;

    public int Problems => Volatile.Read(ref _problems);

    public IReadOnlyList<string> Recent => [.. _recent];

    public ILogger CreateLogger(string categoryName) => new Collector(this, categoryName);

    public void Dispose()
    {
    }

    private void Add(string message)
    {
        Interlocked.Increment(ref _problems);
        _recent.Enqueue(message);
        while (_recent.Count > Keep && _recent.TryDequeue(out _))
        {
        }
    }

    private sealed class Collector(DemoLogCollector owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var shortCategory = category[(category.LastIndexOf('.') + 1)..];
            owner.Add($"{logLevel} {shortCategory}: {formatter(state, exception)}");
        }
    }
}
