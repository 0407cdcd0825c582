using System.Buffers;
using System.Runtime.CompilerServices;

namespace HaIngestor.Connector.Commands;

/// <summary>
/// The lines of a recording as raw bytes (each its own array, since the messages read from it are slices of it),
/// split at <c>\n</c> with a trailing <c>\r</c> removed; never decoded, so bytes that are not UTF-8 stay as they are.
/// </summary>
internal static class ReplayLines
{
    public static async IAsyncEnumerable<ReadOnlyMemory<byte>> ReadAsync(string file, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1, useAsync: true);
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        var pending = new ArrayBufferWriter<byte>();
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                var chunk = buffer.AsMemory(0, read);
                int newline;
                while ((newline = chunk.Span.IndexOf((byte)'\n')) >= 0)
                {
                    pending.Write(chunk.Span[..newline]);
                    yield return Take(pending);
                    chunk = chunk[(newline + 1)..];
                }

                pending.Write(chunk.Span);
            }

            if (pending.WrittenCount > 0)
            {
                yield return Take(pending);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>True for a line of nothing but ASCII whitespace.</summary>
    public static bool IsBlank(ReadOnlySpan<byte> line) => line.IndexOfAnyExcept(" \t\r\f\v"u8) < 0;

    private static byte[] Take(ArrayBufferWriter<byte> pending)
    {
        var line = pending.WrittenSpan;
        if (line.Length > 0 && line[^1] == (byte)'\r')
        {
            line = line[..^1];
        }

        var copy = line.ToArray();
        pending.ResetWrittenCount();
        return copy;
    }
}
