using System.Text;
using HaIngestor.Core.Sinks;

namespace HaIngestor.Adapters.Tests.Quality;

/// <summary>A sink that keeps what it is given, or is unavailable while told so.</summary>
internal sealed class RecordingSink : ILineProtocolSink
{
    public List<string> Lines { get; } = [];

    public bool Unavailable { get; set; }

    public string Name => "recording";

    public Task<SinkWriteResult> WriteAsync(ReadOnlyMemory<byte> lines, int lineCount, CancellationToken cancellationToken)
    {
        if (Unavailable)
        {
            throw new SinkUnavailableException("recording sink is down");
        }

        Lines.AddRange(Encoding.UTF8.GetString(lines.Span).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        return Task.FromResult(SinkWriteResult.Success);
    }
}
