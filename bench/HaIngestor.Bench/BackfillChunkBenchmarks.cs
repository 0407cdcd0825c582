using System.Globalization;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using HaIngestor.Connector.Backfill;
using HaIngestor.Connector.HomeAssistant;

namespace HaIngestor.Bench;

/// <summary>
/// Decoding one backfill chunk as <c>connector backfill</c> does: a <c>history/history_during_period</c> answer of 20
/// entities over one day (a state every 5 minutes, 5,760 rows with four attributes each, about 0.9 MB) read and turned into the events handed
/// to the transport. Mean and Allocated are per row (<c>OperationsPerInvoke</c>).
/// </summary>
[MemoryDiagnoser]
public class BackfillChunkBenchmarks
{
    private const int Entities = 20;
    private const int RowsPerEntity = 24 * 12;
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);
    private readonly byte[] _answer = Answer();

    [Benchmark(OperationsPerInvoke = Entities * RowsPerEntity)]
    public int DecodeChunk()
    {
        using var document = JsonDocument.Parse(_answer);
        var states = HistoryAnswer.Read(document.RootElement, out _);
        return BackfillEvents.States(states, "home", RegistrySnapshot.Empty, Start).Count;
    }

    /// <summary>The answer's result object, in HA's compressed format with full attributes.</summary>
    internal static byte[] Answer()
    {
        var json = new StringBuilder(1 << 21).Append('{');
        for (var e = 0; e < Entities; e++)
        {
            json.Append(e == 0 ? "" : ",").Append(CultureInfo.InvariantCulture, $"\"sensor.bench_{e}\":[");
            for (var r = 0; r < RowsPerEntity; r++)
            {
                var seconds = Start.AddMinutes(5 * r).AddSeconds(e).ToUnixTimeMilliseconds() / 1000d + 0.123456;
                json.Append(r == 0 ? "" : ",").Append(CultureInfo.InvariantCulture,
                    $"{{\"s\":\"{20 + (r % 50) / 10d:0.0}\",\"a\":{{\"state_class\":\"measurement\",\"unit_of_measurement\":\"°C\",\"device_class\":\"temperature\",\"friendly_name\":\"Bench {e}\"}},\"lu\":{seconds:0.######}}}");
            }

            json.Append(']');
        }

        return Encoding.UTF8.GetBytes(json.Append('}').ToString());
    }
}
