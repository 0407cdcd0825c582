using System.Text;
using HaIngestor.Core.Normalization;

namespace HaIngestor.Core.Tests.Normalization;

public sealed class TimestampParserTests
{
    [Theory]
    [InlineData("2024-05-01T12:00:00.123456+00:00", "2024-05-01T12:00:00.1234560+00:00")]
    [InlineData("2024-05-01T12:00:00+02:00", "2024-05-01T10:00:00.0000000+00:00")]
    [InlineData("2024-05-01T12:00:00-05:30", "2024-05-01T17:30:00.0000000+00:00")]
    [InlineData("2024-05-01T12:00:00Z", "2024-05-01T12:00:00.0000000+00:00")]
    [InlineData("2024-05-01 12:00:00.5", "2024-05-01T12:00:00.5000000+00:00")]
    [InlineData("2024-05-01T12:00:00.123456789", "2024-05-01T12:00:00.1234567+00:00")]
    [InlineData("2024-05-01T12:00:00+0100", "2024-05-01T11:00:00.0000000+00:00")]
    [InlineData("2024-05-01T12:00:00+01", "2024-05-01T11:00:00.0000000+00:00")]
    [InlineData("2024-02-29T00:00:00", "2024-02-29T00:00:00.0000000+00:00")]
    public void TryParse_Valid_Utc(string text, string expected)
    {
        Assert.True(TimestampParser.TryParse(Encoding.UTF8.GetBytes(text), out var value));
        Assert.Equal(expected, value.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("2024-05-01")]
    [InlineData("2024-13-01T12:00:00")]
    [InlineData("2023-02-29T12:00:00")]
    [InlineData("2024-05-01T24:00:00")]
    [InlineData("2024-05-01T12:00:00.")]
    [InlineData("2024-05-01T12:00:00+25:00")]
    [InlineData("2024-05-01T12:00:00 ")]
    [InlineData("2024-05-01T12:00:00Zjunk")]
    [InlineData("1500-01-01T00:00:00Z")]
    [InlineData("2300-01-01T00:00:00Z")]
    [InlineData("２024-05-01T12:00:00")]
    public void TryParse_Invalid_False(string text)
    {
        Assert.False(TimestampParser.TryParse(Encoding.UTF8.GetBytes(text), out _));
    }

    [Theory]
    [InlineData("2000-02-29T00:00:00", true)]
    [InlineData("1900-02-29T00:00:00", false)]
    [InlineData("2100-02-29T00:00:00", false)]
    [InlineData("2023-04-31T00:00:00", false)]
    [InlineData("2023-12-31T23:59:59", true)]
    [InlineData("2024-01-00T00:00:00", false)]
    [InlineData("2024-00-10T00:00:00", false)]
    public void TryParse_DayOfMonth_CheckedLikeTheCalendar(string text, bool valid)
    {
        Assert.Equal(valid, TimestampParser.TryParse(Encoding.UTF8.GetBytes(text), out _));
    }

    [Fact]
    public void TryParse_RandomInstants_SameAsDateTimeOffset()
    {
        var random = new Random(5);
        var min = new DateTime(1677, 9, 23).Ticks;
        var max = new DateTime(2262, 4, 10).Ticks;
        for (var n = 0; n < 20_000; n++)
        {
            var instant = new DateTimeOffset(random.NextInt64(min, max), TimeSpan.Zero);
            var offset = TimeSpan.FromMinutes(random.Next(-14 * 60, (14 * 60) + 1));
            var text = instant.ToOffset(offset).ToString("yyyy-MM-ddTHH:mm:ss.fffffffzzz", System.Globalization.CultureInfo.InvariantCulture);

            Assert.True(TimestampParser.TryParse(Encoding.UTF8.GetBytes(text), out var parsed), text);
            Assert.Equal(instant, parsed);
            Assert.Equal(TimeSpan.Zero, parsed.Offset);
        }
    }

    [Fact]
    public void TryParse_AnyNonDigitInTheFixedPart_False()
    {
        var valid = "2029-08-19T19:59:39"u8.ToArray();
        foreach (var position in new[] { 0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18 })
        {
            for (var b = 0; b < 256; b++)
            {
                if (b is >= '0' and <= '9')
                {
                    continue;
                }

                var text = (byte[])valid.Clone();
                text[position] = (byte)b;

                Assert.False(TimestampParser.TryParse(text, out _), $"byte {b} at {position}");
            }
        }
    }
}
