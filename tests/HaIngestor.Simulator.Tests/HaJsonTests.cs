using HaIngestor.Simulator.Protocol;

namespace HaIngestor.Simulator.Tests;

public sealed class HaJsonTests
{
    [Fact]
    public void Timestamp_WithMicroseconds_FormatsLikePythonIsoformat()
    {
        var value = new DateTimeOffset(2026, 11, 28, 9, 5, 3, TimeSpan.Zero).AddTicks(1234567);

        Assert.Equal("2026-11-28T09:05:03.123456+00:00", HaJson.Timestamp(value));
    }

    [Fact]
    public void Timestamp_WholeSecond_OmitsFractionLikePython()
    {
        var value = new DateTimeOffset(2026, 11, 28, 9, 5, 3, TimeSpan.Zero);

        Assert.Equal("2026-11-28T09:05:03+00:00", HaJson.Timestamp(value));
    }

    [Fact]
    public void WriteValue_WholeDouble_KeepsFractionAndRawUnicode()
    {
        var json = HaJson.Write(w => HaJson.WriteValue(w, new Dictionary<string, object?> { ["t"] = 21.0, ["u"] = "°C", ["n"] = double.NaN }));

        Assert.Equal("""{"t":21.0,"u":"°C","n":null}""", json);
    }

    [Fact]
    public void UnixSeconds_MicrosecondTime_KeepsMicroseconds()
    {
        var value = DateTimeOffset.FromUnixTimeSeconds(1_707_933_377).AddTicks(9_522_970);

        Assert.Equal(1_707_933_377.952297, HaJson.UnixSeconds(value), 6);
    }
}
