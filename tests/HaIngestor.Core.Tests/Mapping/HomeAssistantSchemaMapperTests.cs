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
}
