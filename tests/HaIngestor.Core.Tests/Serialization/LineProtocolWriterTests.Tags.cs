using System.Text;

namespace HaIngestor.Core.Tests.Serialization;

/// <summary>Tags given in order (copied as stored) and out of order (sorted first).</summary>
public sealed partial class LineProtocolWriterTests
{
    [Fact]
    public void Tag_InKeyOrder_WrittenAsGiven()
    {
        using var sut = CreateSut(capacity: 0);
        sut.BeginLine("m"u8);
        sut.Tag("a b"u8, "x,y"u8);
        sut.Tag("b"u8, "é 🙂"u8);
        sut.Tag("time"u8, "t"u8);
        sut.Field("f"u8, 1.5);
        sut.EndLine(Time);

        Assert.Equal("m,a\\ b=x\\,y,b=é\\ 🙂,time_=t f=1.5 1714564800123\n", Text(sut));
    }

    [Fact]
    public void Tag_SameKeyTwiceInOrder_KeepsLastValue()
    {
        using var sut = CreateSut();
        sut.BeginLine("m"u8);
        sut.Tag("a"u8, "1"u8);
        sut.Tag("a"u8, "2"u8);
        sut.Tag("b"u8, "3"u8);
        sut.Field("f"u8, true);
        sut.EndLine(Time);

        Assert.Equal("m,a=2,b=3 f=true 1714564800123\n", Text(sut));
    }

    [Fact]
    public void Tag_OutOfOrderWithEscapes_SortedByEscapedKey()
    {
        using var sut = CreateSut(capacity: 0);
        sut.BeginLine("m"u8);
        sut.Tag("z"u8, Encoding.UTF8.GetBytes(new string(' ', 40)));
        sut.Tag("a=b"u8, "v\\"u8);
        sut.Field("f"u8, 2L);
        sut.Tag("a"u8, "w"u8);
        sut.EndLine(Time);

        Assert.Equal($"m,a=w,a\\=b=v/,z={string.Concat(Enumerable.Repeat("\\ ", 40))} f=2i 1714564800123\n", Text(sut));
    }

    [Fact]
    public void Tag_Utf8KeyStringValue_EncodedEscapedOrSkippedWhenEmpty()
    {
        using var sut = CreateSut();
        sut.BeginLine("m"u8);
        sut.Tag("location"u8, "Paris, FR é");
        sut.Tag("none"u8, (string?)null);
        sut.Tag("empty"u8, "");
        sut.Field("f"u8, true);
        sut.EndLine(Time);

        Assert.Equal("m,location=Paris\\,\\ FR\\ é f=true 1714564800123\n", Text(sut));
    }

    [Fact]
    public void Names_SpecialAtEveryPositionOfEveryLength_EscapedLikeTheReference()
    {
        foreach (var special in ",= \\\n\r\t\0\u0001\u001f\u007f#\"é"u8.ToArray())
        {
            for (var length = 1; length <= 40; length++)
            {
                for (var at = 0; at < length; at++)
                {
                    var name = Enumerable.Range(0, length).Select(i => (byte)('a' + (i % 26))).ToArray();
                    name[at] = special;
                    AssertNames(name);
                    name[^1] = (byte)'\\';
                    AssertNames(name);
                }
            }
        }
    }

    [Fact]
    public void Names_RandomText_EscapedLikeTheReference()
    {
        var random = new Random(9);
        var alphabet = "abc,= \\\n\r\t#\"\u000b\u000c\0\u007f_.é🙂"u8.ToArray();
        for (var n = 0; n < 5000; n++)
        {
            var name = new byte[random.Next(1, 48)];
            for (var i = 0; i < name.Length; i++)
            {
                name[i] = alphabet[random.Next(alphabet.Length)];
            }

            AssertNames(name);
        }
    }

    private static void AssertNames(byte[] name)
    {
        using var sut = CreateSut(capacity: 0);
        sut.BeginLine(name);
        sut.Tag(name, name);
        sut.Field(name, true);
        sut.EndLine(Time);

        var key = ReferenceName(name, measurement: false);
        if (key == "time")
        {
            key = "time_";
        }

        Assert.Equal($"{ReferenceName(name, measurement: true)},{key}={ReferenceName(name, measurement: false)} {key}=true 1714564800123\n", Text(sut));
    }

    /// <summary>The documented rules, byte by byte.</summary>
    private static string ReferenceName(byte[] name, bool measurement)
    {
        var escaped = new List<byte>();
        for (var i = 0; i < name.Length; i++)
        {
            var b = name[i];
            switch (b)
            {
                case (byte)',' or (byte)' ':
                case (byte)'=' when !measurement:
                    escaped.Add((byte)'\\');
                    escaped.Add(b);
                    break;
                case < 0x20 or 0x7F:
                    escaped.Add((byte)'\\');
                    escaped.Add((byte)' ');
                    break;
                case (byte)'\\':
                    var last = i + 1 == name.Length || name[i + 1] is (byte)',' or (byte)'=' or (byte)' ' or (byte)'\\' or < 0x20 or 0x7F;
                    escaped.Add(last ? (byte)'/' : b);
                    break;
                case (byte)'#' when measurement && i == 0:
                    escaped.Add((byte)'_');
                    break;
                default:
                    escaped.Add(b);
                    break;
            }
        }

        return Encoding.UTF8.GetString([.. escaped]);
    }
}
