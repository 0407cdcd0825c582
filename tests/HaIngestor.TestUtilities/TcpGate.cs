using System.Net;
using System.Net.Sockets;

namespace HaIngestor.TestUtilities;

/// <summary>
/// A loopback TCP relay in front of a real server that can be closed and opened again on the same port: closed, the
/// port refuses connections and every relayed connection is reset, as when the server behind it is stopped; opened,
/// connections reach the server again. Tests point a process at <see cref="Port"/> to take a dependency away for a
/// while without touching the server other tests share.
/// </summary>
public sealed class TcpGate : IAsyncDisposable
{
    private readonly int _targetPort;
    private readonly Lock _gate = new();
    private readonly List<TcpClient> _connections = [];
    private TcpListener? _listener;
    private CancellationTokenSource? _open;
    private Task _accepting = Task.CompletedTask;

    private TcpGate(int targetPort)
    {
        _targetPort = targetPort;
        Port = Listen(0);
    }

    /// <summary>The gate's port on 127.0.0.1 (the same while closed and after opening again).</summary>
    public int Port { get; }

    /// <summary>Whether connections are relayed.</summary>
    public bool IsOpen => _listener is not null;

    /// <summary>Opens a gate to 127.0.0.1:<paramref name="targetPort"/>.</summary>
    public static TcpGate Open(int targetPort) => new(targetPort);

    /// <summary>Stops listening (new connections are refused) and resets every relayed connection.</summary>
    public async Task CloseAsync()
    {
        TcpListener? listener;
        CancellationTokenSource? open;
        TcpClient[] connections;
        lock (_gate)
        {
            (listener, _listener) = (_listener, null);
            (open, _open) = (_open, null);
            connections = [.. _connections];
            _connections.Clear();
        }

        if (listener is null)
        {
            return;
        }

        await open!.CancelAsync().ConfigureAwait(false);
        listener.Stop();
        foreach (var connection in connections)
        {
            Reset(connection);
        }

        await _accepting.ContinueWith(static _ => { }, TaskScheduler.Default).ConfigureAwait(false);
        open.Dispose();
    }

    /// <summary>Listens on <see cref="Port"/> again.</summary>
    public void Reopen()
    {
        if (!IsOpen)
        {
            Listen(Port);
        }
    }

    public async ValueTask DisposeAsync() => await CloseAsync().ConfigureAwait(false);

    private int Listen(int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        var open = new CancellationTokenSource();
        lock (_gate)
        {
            _listener = listener;
            _open = open;
        }

        _accepting = AcceptAsync(listener, open.Token);
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task AcceptAsync(TcpListener listener, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = RelayAsync(client, cancellationToken);
        }
    }

    private async Task RelayAsync(TcpClient client, CancellationToken cancellationToken)
    {
        var server = new TcpClient();
        lock (_gate)
        {
            _connections.Add(client);
            _connections.Add(server);
        }

        try
        {
            await server.ConnectAsync(IPAddress.Loopback, _targetPort, cancellationToken).ConfigureAwait(false);
            var up = PumpAsync(client, server, cancellationToken);
            var down = PumpAsync(server, client, cancellationToken);
            await Task.WhenAny(up, down).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or IOException or ObjectDisposedException)
        {
            // Closed gate or a side gone: the other side is reset below.
        }
        finally
        {
            lock (_gate)
            {
                _connections.Remove(client);
                _connections.Remove(server);
            }

            Reset(client);
            Reset(server);
        }
    }

    private static async Task PumpAsync(TcpClient from, TcpClient to, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            var source = from.GetStream();
            var target = to.GetStream();
            int read;
            while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The connection ends; the relay resets both sides.
        }
    }

    private static void Reset(TcpClient connection)
    {
        try
        {
            // Linger 0: an RST rather than a FIN, as a stopped server's kernel answers, and no TIME_WAIT on the port.
            if (connection.Client is { } socket)
            {
                socket.LingerState = new LingerOption(true, 0);
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Already closed.
        }

        connection.Dispose();
    }
}
