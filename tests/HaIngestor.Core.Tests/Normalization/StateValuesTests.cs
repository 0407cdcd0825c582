using System.Globalization;
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

    [Theory]
    [InlineData("5.")]
    [InlineData("-.5")]
    [InlineData("123456789012345")]
    [InlineData("1234567890123456")]
    [InlineData("12345678901234.5")]
    [InlineData("123456789012345.6")]
    [InlineData("0.000000000000001")]
    [InlineData("-999999999999999")]
    [InlineData("007.50")]
    public void TryParseNumber_ShortDecimalsAndTheirEdges_SameAsFullParse(string text)
    {
        var expected = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture) + 0d;

        Assert.True(StateValues.TryParseNumber(Encoding.UTF8.GetBytes(text), out var actual));
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(actual));
    }

    [Theory]
    [InlineData("1.2.3")]
    [InlineData("1..2")]
    [InlineData("--1")]
    [InlineData("1-")]
    [InlineData(".")]
    [InlineData("-.")]
    public void TryParseNumber_MalformedDecimals_False(string text)
    {
        Assert.False(StateValues.TryParseNumber(Encoding.UTF8.GetBytes(text), out var value));
        Assert.Equal(0d, value);
    }

    [Fact]
    public void TryParseNumber_RandomDecimals_SameBitsAsFullParse()
    {
        var random = new Random(3);
        for (var n = 0; n < 100_000; n++)
        {
            var digits = random.Next(1, 17);
            var text = new StringBuilder(random.Next(2) == 0 ? "-" : "");
            for (var i = 0; i < digits; i++)
            {
                text.Append((char)('0' + random.Next(10)));
            }

            if (digits > 1 && random.Next(4) != 0)
            {
                text.Insert(text.Length - random.Next(1, digits), '.');
            }

            var bytes = Encoding.UTF8.GetBytes(text.ToString());
            var expected = double.Parse(text.ToString(), NumberStyles.Float, CultureInfo.InvariantCulture) + 0d;
            Assert.True(StateValues.TryParseNumber(bytes, out var number));
            Assert.True(StateValues.TryParseJsonNumber(bytes, out var json));
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(number));
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(json));
        }
    }

    [Theory]
    [InlineData("-0.0")]
    [InlineData("-0")]
    [InlineData("0.000")]
    public void TryParseJsonNumber_NegativeZero_PositiveZero(string json)
    {
        Assert.True(StateValues.TryParseJsonNumber(Encoding.UTF8.GetBytes(json), out var value));
        Assert.Equal(0L, BitConverter.DoubleToInt64Bits(value));
    }

    [Theory]
    [InlineData("on", 1d)]
    [InlineData("open", 1d)]
    [InlineData("home", 1d)]
    [InlineData("locked", 1d)]
    [InlineData("true", 1d)]
    [InlineData("detected", 1d)]
    [InlineData("wet", 1d)]
    [InlineData("active", 1d)]
    [InlineData("connected", 1d)]
    [InlineData("playing", 1d)]
    [InlineData("above_horizon", 1d)]
    [InlineData("off", 0d)]
    [InlineData("closed", 0d)]
    [InlineData("not_home", 0d)]
    [InlineData("unlocked", 0d)]
    [InlineData("false", 0d)]
    [InlineData("clear", 0d)]
    [InlineData("dry", 0d)]
    [InlineData("inactive", 0d)]
    [InlineData("disconnected", 0d)]
    [InlineData("idle", 0d)]
    [InlineData("paused", 0d)]
    [InlineData("below_horizon", 0d)]
    public void TryBooleanLike_EveryWordOfTheTable_ItsValue(string state, double value)
    {
        Assert.True(StateValues.TryBooleanLike(Encoding.UTF8.GetBytes(state), out var actual));
        Assert.Equal(value, actual);
    }

    [Theory]
    [InlineData("")]
    [InlineData("o")]
    [InlineData("of")]
    [InlineData("onn")]
    [InlineData("Open")]
    [InlineData("heat")]
    [InlineData("lockedx")]
    [InlineData("above_horizo")]
    [InlineData("below_horizon_")]
    [InlineData("disconnecte")]
    public void TryBooleanLike_NearMisses_FalseAndZero(string state)
    {
        Assert.False(StateValues.TryBooleanLike(Encoding.UTF8.GetBytes(state), out var actual));
        Assert.Equal(0d, actual);
    }
}
