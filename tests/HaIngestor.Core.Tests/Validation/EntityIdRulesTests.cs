using System.Text;
using HaIngestor.Core.Validation;

namespace HaIngestor.Core.Tests.Validation;

public sealed class EntityIdRulesTests
{
    [Theory]
    [InlineData("sensor.living_room_temperature", 6)]
    [InlineData("a.b", 1)]
    [InlineData("binary_sensor.door_0123456789_abcdefghijklmnopqrstuvwxyz", 13)]
    [InlineData("sensor_with_a_long_domain_name_over_16.x", 38)]
    public void IsValid_WellFormed_TrueWithTheDot(string entityId, int dot)
    {
        Assert.True(EntityIdRules.IsValid(Encoding.UTF8.GetBytes(entityId), out var actual));
        Assert.Equal(dot, actual);
    }

    [Fact]
    public void IsValid_AnyByteAtAnyPosition_SameAsTheRule()
    {
        foreach (var length in new[] { 3, 15, 16, 17, 31, 32, 33, 40, 255 })
        {
            var id = Enumerable.Repeat((byte)'a', length).ToArray();
            id[length / 2] = (byte)'.';
            for (var at = 0; at < length; at++)
            {
                for (var b = 0; b < 256; b++)
                {
                    var candidate = (byte[])id.Clone();
                    candidate[at] = (byte)b;

                    Assert.Equal(Reference(candidate, out var expectedDot), EntityIdRules.IsValid(candidate, out var dot));
                    if (Reference(candidate, out _))
                    {
                        Assert.Equal(expectedDot, dot);
                    }
                }
            }
        }
    }

    [Fact]
    public void IsValid_RandomIds_SameAsTheRule()
    {
        var random = new Random(17);
        var alphabet = "ab_.z09A- é"u8.ToArray();
        for (var n = 0; n < 50_000; n++)
        {
            var id = new byte[random.Next(0, 300)];
            for (var i = 0; i < id.Length; i++)
            {
                id[i] = random.Next(8) == 0 ? alphabet[random.Next(alphabet.Length)] : (byte)('a' + random.Next(26));
            }

            Assert.Equal(Reference(id, out var expectedDot), EntityIdRules.IsValid(id, out var dot));
            if (Reference(id, out _))
            {
                Assert.Equal(expectedDot, dot);
            }
        }
    }

    /// <summary>The rule as written: one dot, not first or last, the rest [a-z0-9_], 1..255 bytes.</summary>
    private static bool Reference(byte[] id, out int dot)
    {
        dot = Array.IndexOf(id, (byte)'.');
        return id.Length is > 0 and <= EntityIdRules.MaxLength
            && id.Count(b => b == '.') == 1
            && dot > 0 && dot < id.Length - 1
            && id.All(b => b == '.' || b == '_' || b is >= (byte)'a' and <= (byte)'z' || b is >= (byte)'0' and <= (byte)'9');
    }
}
