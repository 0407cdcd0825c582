using System.Globalization;
using System.Text;
using HaIngestor.Core.Serialization;

namespace HaIngestor.Core.Tests.Serialization;

public sealed class NumberTextTests
{
    [Theory]
    [InlineData(21.5, "21.5")]
    [InlineData(-21.5, "-21.5")]
    [InlineData(0.1, "0.1")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.00015, "0.00015")]
    [InlineData(0.00001, "1E-05")]
    [InlineData(1234.5678, "1234.5678")]
    [InlineData(99999999999.9999, "99999999999.9999")]
    [InlineData(123456789012.5, "123456789012.5")]
    [InlineData(0.30000000000000004, "0.30000000000000004")]
    [InlineData(20.4, "20.4")]
    [InlineData(-0.0, "0")]
    [InlineData(1e15, "1000000000000000")]
    [InlineData(999999999999999, "999999999999999")]
    public void WriteDouble_Value_ShortestRoundTripText(double value, string expected)
    {
        Assert.Equal(expected, Write(value));
    }

    [Fact]
    public void WriteDouble_DecimalsOfAnyLength_SameTextAsTheRuntime()
    {
        var random = new Random(7);
        for (var n = 0; n < 200_000; n++)
        {
            var decimals = random.Next(0, 7);
            var magnitude = Math.Pow(10, random.Next(-5, 13));
            var value = Math.Round((random.NextDouble() - 0.5) * magnitude, decimals);
            AssertSameAsRuntime(value);
            AssertSameAsRuntime(double.Parse(value.ToString("R", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) / 10);
        }
    }

    [Fact]
    public void WriteDouble_RandomBits_SameTextAsTheRuntime()
    {
        var random = new Random(11);
        for (var n = 0; n < 200_000; n++)
        {
            var value = BitConverter.Int64BitsToDouble(random.NextInt64());
            if (double.IsFinite(value))
            {
                AssertSameAsRuntime(value);
            }

            AssertSameAsRuntime(random.NextDouble() * 1000);
            AssertSameAsRuntime(random.Next(-1_000_000, 1_000_000) / 10_000d);
        }
    }

    [Fact]
    public void WriteDouble_NeighboursOfShortDecimals_SameTextAsTheRuntime()
    {
        // One ulp either side of a short decimal needs all 17 digits: the fast path must not claim it.
        foreach (var text in new[] { "0.1", "0.2", "21.5", "0.0001", "1.0001", "12345678.9", "99999999999.9999", "3.14" })
        {
            var value = double.Parse(text, CultureInfo.InvariantCulture);
            AssertSameAsRuntime(Math.BitIncrement(value));
            AssertSameAsRuntime(Math.BitDecrement(value));
            AssertSameAsRuntime(-Math.BitIncrement(value));
        }
    }

    private static void AssertSameAsRuntime(double value)
    {
        Assert.Equal((value + 0d) == Math.Floor(value) && Math.Abs(value) < 1e15 ? ((long)value).ToString(CultureInfo.InvariantCulture) : value.ToString(CultureInfo.InvariantCulture), Write(value));
    }

    private static string Write(double value)
    {
        var buffer = new byte[40];
        var end = NumberText.WriteDouble(buffer, 3, value);
        return Encoding.UTF8.GetString(buffer, 3, end - 3);
    }
}
