using System.Text;
using HaIngestor.Core.Serialization;

namespace HaIngestor.Core.Tests.Serialization;

public sealed partial class LineProtocolWriterTests
{
    private static readonly DateTimeOffset Time = new(2024, 5, 1, 12, 0, 0, 123, TimeSpan.Zero);

    private static LineProtocolWriter CreateSut(WritePrecision precision = WritePrecision.Milliseconds, int capacity = 16 * 1024)
        => new(precision, capacity);

    private static string Text(LineProtocolWriter writer) => Encoding.UTF8.GetString(writer.WrittenSpan);

    [Fact]
    public void EndLine_SimpleLine_WritesMeasurementTagsFieldsTimestamp()
    {
        using var sut = CreateSut();
        sut.BeginLine("m");
        sut.Tag("b", "2");
        sut.Tag("a", "1");
        sut.Field("value", 21.5);
        sut.Field("state"u8, "21.5"u8);

        Assert.True(sut.EndLine(Time));

        Assert.Equal("m,a=1,b=2 value=21.5,state=\"21.5\" 1714564800123\n", Text(sut));
        Assert.Equal(1, sut.LineCount);
    }

    [Fact]
    public void Tag_DuplicateKey_KeepsLastValue()
    {
        using var sut = CreateSut();
        sut.BeginLine("m");
        sut.Tag("k", "first");
        sut.Tag("a", "x");
        sut.Tag("k", "second");
        sut.Field("f"u8, 1L);
        sut.EndLine(Time);

        Assert.Equal("m,a=x,k=second f=1i 1714564800123\n", Text(sut));
    }

    [Fact]
    public void Tag_EmptyValueOrKey_IsSkipped()
    {
        using var sut = CreateSut();
        sut.BeginLine("m");
        sut.Tag("k", "");
        sut.Tag("k2", null);
        sut.Tag(""u8, "v"u8);
        sut.Field("f"u8, true);
        sut.EndLine(Time);

        Assert.Equal("m f=true 1714564800123\n", Text(sut));
    }

    [Fact]
    public void EndLine_NoField_ReturnsFalseAndWritesNothing()
    {
        using var sut = CreateSut();
        sut.BeginLine("m");
        sut.Tag("a", "1");
        sut.Field("nan"u8, double.NaN);
        sut.Field("inf"u8, double.PositiveInfinity);

        Assert.False(sut.EndLine(Time));
        Assert.Equal(0, sut.LineCount);
        Assert.Equal(0, sut.WrittenMemory.Length);
    }

    [Fact]
    public void CancelLine_InProgress_DropsOnlyThatLine()
    {
        using var sut = CreateSut();
        sut.BeginLine("m");
        sut.Field("f"u8, 1.0);
        sut.EndLine(Time);
        sut.BeginLine("dropped");
        sut.Field("f"u8, 2.0);
        sut.CancelLine();

        Assert.Equal("m f=1 1714564800123\n", Text(sut));
    }

    [Fact]
    public void Measurement_Specials_AreEscaped()
    {
        using var sut = CreateSut();
        sut.BeginLine("#a b,c=d\ne");
        sut.Field("f"u8, 1.0);
        sut.EndLine(Time);

        Assert.Equal("_a\\ b\\,c=d\\ e f=1 1714564800123\n", Text(sut));
    }

    [Fact]
    public void TagAndFieldKeys_Specials_AreEscaped()
    {
        using var sut = CreateSut();
        sut.BeginLine("m");
        sut.Tag("k ,=", "v ,=\r\n\t");
        sut.Field("f ,=\n", 1.0);
        sut.EndLine(Time);

        Assert.Equal("m,k\\ \\,\\==v\\ \\,\\=\\ \\ \\  f\\ \\,\\=\\ =1 1714564800123\n", Text(sut));
    }

    [Theory]
    [InlineData("a\\", "a/")]
    [InlineData("a\\,b", "a/\\,b")]
    [InlineData("a\\\\b", "a/\\b")]
    [InlineData("a\\b", "a\\b")]
    public void Tag_Backslash_NeverEscapesADelimiter(string value, string expected)
    {
        using var sut = CreateSut();
        sut.BeginLine("m");
        sut.Tag("t", value);
        sut.Field("f"u8, 1.0);
        sut.EndLine(Time);

        Assert.Equal($"m,t={expected} f=1 1714564800123\n", Text(sut));
    }

    [Fact]
    public void StringField_QuotesBackslashesNewlines_QuotesAndBackslashesEscapedLineBreaksAsBackslashNOrR()
    {
        using var sut = CreateSut();
        sut.BeginLine("m");
        sut.Field("s", "say \"hi\" \\ now\nnext\r\tline, a=b 🙂");
        sut.EndLine(Time);

        Assert.Equal("m s=\"say \\\"hi\\\" \\\\ now\\nnext\\r\tline, a=b 🙂\" 1714564800123\n", Text(sut));
    }

    [Fact]
    public void Key_Time_IsRenamed()
    {
        using var sut = CreateSut();
        sut.BeginLine("m");
        sut.Tag("time", "x");
        sut.Field("time", 1.0);
        sut.EndLine(Time);

        Assert.Equal("m,time_=x time_=1 1714564800123\n", Text(sut));
    }

    [Theory]
    [InlineData(0.1, "0.1")]
    [InlineData(1e21, "1E+21")]
    [InlineData(1e-7, "1E-07")]
    [InlineData(-3.0, "-3")]
    [InlineData(double.MaxValue, "1.7976931348623157E+308")]
    public void Field_Double_ShortestRoundTrip(double value, string expected)
    {
        using var sut = CreateSut();
        sut.BeginLine("m");
        sut.Field("f"u8, value);
        sut.EndLine(Time);

        Assert.Equal($"m f={expected} 1714564800123\n", Text(sut));
    }

    [Theory]
    [InlineData(WritePrecision.Nanoseconds, "1714564800123456700")]
    [InlineData(WritePrecision.Microseconds, "1714564800123456")]
    [InlineData(WritePrecision.Milliseconds, "1714564800123")]
    [InlineData(WritePrecision.Seconds, "1714564800")]
    public void EndLine_Precision_TimestampInUnits(WritePrecision precision, string expected)
    {
        using var sut = CreateSut(precision);
        sut.BeginLine("m");
        sut.Field("f"u8, 1L);
        sut.EndLine(Time.AddTicks(4567).ToOffset(TimeSpan.FromHours(2)));

        Assert.Equal($"m f=1i {expected}\n", Text(sut));
    }

    [Fact]
    public void GetLine_SeveralLines_ReturnsEachWithoutNewline()
    {
        using var sut = CreateSut(capacity: 0);
        for (var i = 0; i < 300; i++)
        {
            sut.BeginLine("m");
            sut.Tag("i", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            sut.Field("s", new string('x', 100));
            sut.EndLine(Time);
        }

        Assert.Equal(300, sut.LineCount);
        Assert.Equal($"m,i=0 s=\"{new string('x', 100)}\" 1714564800123", Encoding.UTF8.GetString(sut.GetLine(0)));
        Assert.Equal($"m,i=299 s=\"{new string('x', 100)}\" 1714564800123", Encoding.UTF8.GetString(sut.GetLine(299)));
    }

    [Fact]
    public void Clear_AfterLines_ForgetsThem()
    {
        using var sut = CreateSut();
        sut.BeginLine("m");
        sut.Field("f"u8, 1L);
        sut.EndLine(Time);

        sut.Clear();

        Assert.Equal(0, sut.LineCount);
        Assert.True(sut.WrittenMemory.IsEmpty);
    }

    [Fact]
    public void Tag_AfterField_StillWrittenBeforeFields()
    {
        using var sut = CreateSut();
        sut.BeginLine("m");
        sut.Field("f"u8, 1L);
        sut.Tag("z", "1");
        sut.Tag("a", "2");
        sut.EndLine(Time);

        Assert.Equal("m,a=2,z=1 f=1i 1714564800123\n", Text(sut));
    }

    [Fact]
    public void Field_HugeString_GrowsBuffers()
    {
        using var sut = CreateSut(capacity: 0);
        var huge = new string('\\', 200_000);
        sut.BeginLine("m");
        sut.Field("s", huge);
        sut.EndLine(Time);

        Assert.Equal(400_000 + "m s=\"\" 1714564800123\n".Length, sut.WrittenMemory.Length);
    }

    [Fact]
    public void Field_BeforeBeginLine_Throws()
    {
        using var sut = CreateSut();

        Assert.Throws<InvalidOperationException>(() => sut.Field("f"u8, 1.0));
    }
}
