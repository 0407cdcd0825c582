namespace HaIngestor.Simulator.Home;

/// <summary>Makes ULIDs the way Home Assistant does for context ids: 48-bit millisecond time, 80 random bits, Crockford base32.</summary>
/// <remarks>Not thread-safe: callers hold the home's lock, which also keeps the seeded sequence deterministic.</remarks>
internal sealed class ContextIdFactory(Random random)
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private readonly byte[] _bytes = new byte[16];

    public string NewId(DateTimeOffset now)
    {
        var millis = (ulong)now.ToUnixTimeMilliseconds();
        for (var i = 5; i >= 0; i--)
        {
            _bytes[i] = (byte)(millis & 0xFF);
            millis >>= 8;
        }

        random.NextBytes(_bytes.AsSpan(6));
        return Encode(_bytes);
    }

    private static string Encode(byte[] bytes)
    {
        // 128 bits as 26 base32 digits, most significant first: the first digit carries the top 3 bits.
        var hi = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes);
        var lo = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes.AsSpan(8));
        return string.Create(26, (hi, lo), static (span, v) =>
        {
            var (high, low) = v;
            for (var i = 25; i >= 0; i--)
            {
                span[i] = Alphabet[(int)(low & 31)];
                low = (low >> 5) | (high << 59);
                high >>= 5;
            }
        });
    }
}
