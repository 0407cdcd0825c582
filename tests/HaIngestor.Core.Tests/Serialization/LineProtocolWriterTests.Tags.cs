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
}
