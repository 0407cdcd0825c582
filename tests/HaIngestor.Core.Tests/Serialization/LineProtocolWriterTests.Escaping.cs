using System.Text;
using HaIngestor.Core.Serialization;

namespace HaIngestor.Core.Tests.Serialization;

/// <summary>String field escaping around the 32-byte blocks and 8-byte quarters of the vectorized escaper.</summary>
public sealed partial class LineProtocolWriterTests
{
    public static TheoryData<int> Lengths()
    {
        var data = new TheoryData<int>();
        foreach (var length in new[] { 0, 1, 2, 15, 16, 31, 32, 33, 47, 63, 64, 65, 95, 96, 97, 127, 128, 129, 200 })
        {
            data.Add(length);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void StringField_SpecialAtEveryPosition_EscapedLikeTheReference(int length)
    {
        foreach (var special in new[] { (byte)'"', (byte)'\\', (byte)'\n', (byte)'\r' })
        {
            for (var at = 0; at < length; at++)
            {
                var value = Enumerable.Repeat((byte)'a', length).ToArray();
                value[at] = special;
                AssertStringField(value);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void StringField_SpecialsAtBothEdgesOfEveryBlock_EscapedLikeTheReference(int length)
    {
        var value = Enumerable.Range(0, length).Select(i => (i % 32) switch
        {
            0 => (byte)'"',
            31 => (byte)'\\',
            30 => (byte)'\n',
            29 => (byte)'\r',
            1 => (byte)'\r',
            _ => (byte)('a' + (i % 26)),
        }).ToArray();

        AssertStringField(value);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void StringField_OnlySpecials_EveryByteEscaped(int length)
    {
        AssertStringField(Enumerable.Range(0, length).Select(i => i % 3 == 0 ? (byte)'\\' : (byte)'"').ToArray());
    }

    [Fact]
    public void StringField_RandomJsonLikeText_EscapedLikeTheReference()
    {
        var random = new Random(42);
        byte[] alphabet = [.. "\"\\\n\r\t\0{}:,[] abcxyz09"u8, .. "é🙂°"u8];
        for (var n = 0; n < 2000; n++)
        {
            var value = new byte[random.Next(0, 300)];
            for (var i = 0; i < value.Length; i++)
            {
                value[i] = alphabet[random.Next(alphabet.Length)];
            }

            AssertStringField(value);
        }
    }

    [Fact]
    public void StringField_NonAsciiAroundBlockEdges_KeptByteForByte()
    {
        var value = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("°C \"é\" 🙂\\", 12)));

        AssertStringField(value);
    }

    [Fact]
    public void StringField_SeveralInOneLine_EachEscapedWhole()
    {
        using var sut = CreateSut(capacity: 0);
        var first = Encoding.UTF8.GetBytes(new string('"', 70));
        var second = Encoding.UTF8.GetBytes("x\\" + new string('y', 40));
        sut.BeginLine("m");
        sut.Field("a"u8, first);
        sut.Field("b"u8, second);
        sut.EndLine(Time);

        Assert.Equal($"m a=\"{Reference(first)}\",b=\"{Reference(second)}\" 1714564800123\n", Text(sut));
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void EscapeStringValueShuffle_AnyOffset_SameBytesAsScalar(int length)
    {
        var random = new Random(length);
        var value = new byte[length];
        for (var i = 0; i < value.Length; i++)
        {
            value[i] = random.Next(4) == 0 ? (byte)(random.Next(4) switch { 0 => '"', 1 => '\\', 2 => '\n', _ => '\r' }) : (byte)random.Next(256);
        }

        foreach (var offset in new[] { 0, 1, 7, 31 })
        {
            var scalar = new byte[offset + (2 * length) + 32];
            var shuffle = new byte[offset + (2 * length) + 32];
            var scalarEnd = LineProtocolWriter.EscapeStringValueScalar(value, scalar, offset);
            var shuffleEnd = LineProtocolWriter.EscapeStringValueShuffle(value, shuffle, offset);

            Assert.Equal(scalarEnd, shuffleEnd);
            Assert.Equal(scalar.AsSpan(0, scalarEnd).ToArray(), shuffle.AsSpan(0, shuffleEnd).ToArray());
        }
    }

    private static void AssertStringField(byte[] value)
    {
        using var sut = CreateSut(capacity: 0);
        sut.BeginLine("m");
        sut.Field("s"u8, value);
        sut.EndLine(Time);

        Assert.Equal($"m s=\"{Reference(value)}\" 1714564800123\n", Text(sut));
    }

    /// <summary>
    /// The rule, byte by byte: a backslash before every double quote and backslash; a line feed and a carriage return
    /// as the two characters \n and \r (as the Python InfluxDB client writes them).
    /// </summary>
    private static string Reference(byte[] value)
    {
        var escaped = new List<byte>();
        foreach (var b in value)
        {
            if (b is (byte)'"' or (byte)'\\')
            {
                escaped.Add((byte)'\\');
            }
            else if (b is (byte)'\n' or (byte)'\r')
            {
                escaped.Add((byte)'\\');
                escaped.Add(b == '\n' ? (byte)'n' : (byte)'r');
                continue;
            }

            escaped.Add(b);
        }

        return Encoding.UTF8.GetString([.. escaped]);
    }
}
