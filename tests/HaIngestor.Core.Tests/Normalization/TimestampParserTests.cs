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
}
