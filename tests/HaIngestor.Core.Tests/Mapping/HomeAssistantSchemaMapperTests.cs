using System.Globalization;
using System.Text;
using HaIngestor.Core.Mapping;

namespace HaIngestor.Core.Tests.Mapping;

public sealed class HomeAssistantSchemaMapperTests
{
    [Theory]
    [InlineData("12.5 W", 12.5)]
    [InlineData("-5.5 °C", 5.5)]
    [InlineData("abc12def34", 1234d)]
    [InlineData("v 10", 10d)]
    public void TryDigitTail_MatchesHomeAssistantRegex_DigitsAndDot(string text, double expected)
    {
        Assert.True(HomeAssistantSchemaMapper.TryDigitTail(Encoding.UTF8.GetBytes(text), out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("5 W")]
    [InlineData("1.2.3")]
    [InlineData("a.5")]
    [InlineData("5.")]
    [InlineData("heat")]
    [InlineData("")]
    public void TryDigitTail_NoMatch_False(string text)
    {
        Assert.False(HomeAssistantSchemaMapper.TryDigitTail(Encoding.UTF8.GetBytes(text), out _));
    }

    [Fact]
    public void MayStartFloat_False_NoTextWithThatFirstByteParsesAsADouble()
    {
        const NumberStyles styles = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;
        string[] rests = ["", "1", "0.5", "1e309", "e5", "nfinity", "NFINITY", "aN", "AN", "∞", " 1", "1 ", "$1", "(1)"];
        for (var b = 0; b < 128; b++)
        {
            if (HomeAssistantSchemaMapper.MayStartFloat((byte)b))
            {
                continue;
            }

            foreach (var rest in rests)
            {
                var text = (char)b + rest;
                Assert.False(double.TryParse(Encoding.UTF8.GetBytes(text), styles, CultureInfo.InvariantCulture, out _), text);
            }
        }
    }

    [Theory]
    [InlineData("Infinity")]
    [InlineData("infinity")]
    [InlineData("NaN")]
    [InlineData("-1e309")]
    [InlineData("+1e309")]
    [InlineData(".5")]
    [InlineData("1e309")]
    public void MayStartFloat_TextsDoubleParseAccepts_True(string text)
    {
        Assert.True(HomeAssistantSchemaMapper.MayStartFloat(Encoding.UTF8.GetBytes(text)[0]));
    }
}
