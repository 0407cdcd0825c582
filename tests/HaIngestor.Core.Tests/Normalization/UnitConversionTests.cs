using System.Text;
using HaIngestor.Core.Normalization;

namespace HaIngestor.Core.Tests.Normalization;

public sealed class UnitConversionTests
{
    [Theory]
    [InlineData("°F", "°C", 212d, 100d)]
    [InlineData("℉", "°C", 32d, 0d)]
    [InlineData("mph", "km/h", 10d, 16.09344)]
    [InlineData("in", "mm", 2d, 50.8)]
    public void TryGetTarget_Known_ConvertsValue(string unit, string target, double value, double expected)
    {
        Assert.True(UnitConversion.TryGetTarget(Encoding.UTF8.GetBytes(unit), out var actualTarget, out var kind));
        Assert.Equal(target, Encoding.UTF8.GetString(actualTarget));
        Assert.Equal(expected, UnitConversion.Convert(value, kind), 9);
    }

    [Theory]
    [InlineData("°C")]
    [InlineData("%")]
    [InlineData("")]
    public void TryGetTarget_Metric_False(string unit)
    {
        Assert.False(UnitConversion.TryGetTarget(Encoding.UTF8.GetBytes(unit), out _, out _));
    }
}
