using System.Net;
using System.Net.Sockets;

namespace HaIngestor.TestUtilities;

/// <summary>
/// A loopback TCP relay in front of a WebSocket server that counts what crosses it: bytes and frames per direction,
/// after the HTTP upgrade. Tests point a client at <see cref="Port"/> to see pings, pongs, close frames and compression.
/// </summary>
public sealed class WebSocketRelay : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _targetPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _pumps = [];
    private readonly Task _accepting;

    private WebSocketRelay(int targetPort)
    {
        _targetPort = targetPort;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync();
    }

    /// <summary>The relay's port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>Server to client.</summary>
    public WebSocketWireCounter Down { get; } = new();

    /// <summary>Client to server.</summary>
    public WebSocketWireCounter Up { get; } = new();

    /// <summary>Starts relaying to 127.0.0.1:<paramref name="targetPort"/>.</summary>
    public static WebSocketRelay Start(int targetPort) => new(targetPort);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        await Task.WhenAll([_accepting, .. _pumps]).ContinueWith(static _ => { }, TaskScheduler.Default).ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            lock (_pumps)
            {
                _pumps.Add(RelayAsync(client));
            }
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using (client)
        using (var server = new TcpClient())
        {
            try
            {
                await server.ConnectAsync(IPAddress.Loopback, _targetPort, _stop.Token).ConfigureAwait(false);
                var first = new byte[64 * 1024];
                var length = await client.GetStream().ReadAsync(first, _stop.Token).ConfigureAwait(false);
                if (length == 0)
                {
                    return;
                }

                // Plain HTTP (the token check) passes uncounted; only WebSocket upgrades are read as frames.
                var isWebSocket = System.Text.Encoding.ASCII.GetString(first, 0, length).Contains("upgrade: websocket", StringComparison.OrdinalIgnoreCase);
                using var ended = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                var up = PumpAsync(client.GetStream(), server.GetStream(), isWebSocket ? Up : null, first.AsMemory(0, length), ended.Token);
                var down = PumpAsync(server.GetStream(), client.GetStream(), isWebSocket ? Down : null, ReadOnlyMemory<byte>.Empty, ended.Token);
                await Task.WhenAny(up, down).ConfigureAwait(false);
                await ended.CancelAsync().ConfigureAwait(false);
                await Task.WhenAll(up, down).ContinueWith(static _ => { }, TaskScheduler.Default).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or IOException)
            {
                // One side went away: so does the other.
            }
        }
    }

    private static async Task PumpAsync(
        Stream from, Stream to, WebSocketWireCounter? counter, ReadOnlyMemory<byte> initial, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        var upgraded = false;
        var headerTail = 0; // how many bytes of "\r\n\r\n" were seen at the end of the last read
        while (true)
        {
            int read;
            if (!initial.IsEmpty)
            {
                initial.CopyTo(buffer);
                read = initial.Length;
                initial = ReadOnlyMemory<byte>.Empty;
            }
            else
            {
                read = await from.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            }

            if (read == 0)
            {
                return;
            }

            var data = buffer.AsSpan(0, read);
            if (counter is null)
            {
                // Not a WebSocket: relayed as is.
            }
            else if (!upgraded)
            {
                // Until the blank line that ends the HTTP upgrade, the bytes are HTTP, not frames.
                var end = FindHeaderEnd(data, ref headerTail);
                if (end >= 0)
                {
                    upgraded = true;
                    counter.Add(data[end..]);
                }
            }
            else
            {
                counter.Add(data);
            }

            await to.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
        }
    }

    private static int FindHeaderEnd(ReadOnlySpan<byte> data, ref int matched)
    {
        ReadOnlySpan<byte> blankLine = "\r\n\r\n"u8;
        for (var i = 0; i < data.Length; i++)
        {
            matched = data[i] == blankLine[matched] ? matched + 1 : data[i] == blankLine[0] ? 1 : 0;
            if (matched == blankLine.Length)
            {
                return i + 1;
            }
        }

        return -1;
    }
}
