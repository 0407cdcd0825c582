using System.Text;
using HaIngestor.Core.Normalization;

namespace HaIngestor.Core.Tests.Normalization;

public sealed class StateValuesTests
{
    [Theory]
    [InlineData("0", 0d)]
    [InlineData("-0", 0d)]
    [InlineData("-0.0", 0d)]
    [InlineData("42", 42d)]
    [InlineData("-17", -17d)]
    [InlineData("21.5", 21.5)]
    [InlineData("+3", 3d)]
    [InlineData(".5", 0.5)]
    [InlineData("1e3", 1000d)]
    [InlineData("1.5E-3", 0.0015)]
    [InlineData("123456789012345678", 123456789012345678d)]
    public void TryParseNumber_Numeric_Value(string text, double expected)
    {
        Assert.True(StateValues.TryParseNumber(Encoding.UTF8.GetBytes(text), out var value));
        Assert.Equal(expected, value);
        Assert.False(double.IsNegative(value) && value == 0);
    }

    [Theory]
    [InlineData("")]
    [InlineData("NaN")]
    [InlineData("nan")]
    [InlineData("inf")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    [InlineData("∞")]
    [InlineData("1e309")]
    [InlineData("-1e309")]
    [InlineData("0x10")]
    [InlineData(" 12")]
    [InlineData("12 ")]
    [InlineData("1,000")]
    [InlineData("1_000")]
    [InlineData("12abc")]
    [InlineData("-")]
    [InlineData("on")]
    public void TryParseNumber_NotNumeric_False(string text)
    {
        Assert.False(StateValues.TryParseNumber(Encoding.UTF8.GetBytes(text), out _));
    }

    [Theory]
    [InlineData("1e999")]
    [InlineData("-1e999")]
    public void TryParseJsonNumber_Overflow_False(string json)
    {
        Assert.False(StateValues.TryParseJsonNumber(Encoding.UTF8.GetBytes(json), out _));
    }

    [Theory]
    [InlineData("on", true, 1d)]
    [InlineData("detected", true, 1d)]
    [InlineData("clear", true, 0d)]
    [InlineData("disconnected", true, 0d)]
    [InlineData("ON", false, 0d)]
    [InlineData("heat", false, 0d)]
    public void TryBooleanLike_Table(string state, bool expected, double value)
    {
        Assert.Equal(expected, StateValues.TryBooleanLike(Encoding.UTF8.GetBytes(state), out var actual));
        Assert.Equal(value, actual);
    }

    [Theory]
    [InlineData("on", true, 1d)]
    [InlineData("above_horizon", true, 1d)]
    [InlineData("not_home", true, 0d)]
    [InlineData("playing", false, 0d)]
    [InlineData("idle", false, 0d)]
    public void TryHomeAssistantStateAsNumber_HomeAssistantTable(string state, bool expected, double value)
    {
        Assert.Equal(expected, StateValues.TryHomeAssistantStateAsNumber(Encoding.UTF8.GetBytes(state), out var actual));
        Assert.Equal(value, actual);
    }
}
