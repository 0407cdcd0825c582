using System.Runtime.InteropServices;

namespace HaIngestor.Connector.Commands;

/// <summary>A token cancelled by Ctrl-C or SIGTERM, so interactive commands can stop cleanly and print their summary.</summary>
internal sealed class ConsoleCancellation : IDisposable
{
    private readonly CancellationTokenSource _source;
    private readonly PosixSignalRegistration _sigint;
    private readonly PosixSignalRegistration _sigterm;

    public ConsoleCancellation(CancellationToken linked)
    {
        _source = CancellationTokenSource.CreateLinkedTokenSource(linked);
        _sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        _sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
    }

    public CancellationToken Token => _source.Token;

    public void Dispose()
    {
        _sigint.Dispose();
        _sigterm.Dispose();
        _source.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        // Handled here: the process ends when the command has finished its summary, not at once.
        context.Cancel = true;
        _source.Cancel();
    }
}
