using System.Text;
using System.Text.Json.Nodes;

namespace HaIngestor.IntegrationTests.Corpus;

/// <summary>
/// The round-trip corpus: realistic Home Assistant events, hostile ones, and invalid ones that must be rejected
/// with a stated reason. Built in code so every hostile string is still valid JSON exactly as HA would send it.
/// </summary>
internal static partial class EventCorpus
{
    private static readonly Lazy<IReadOnlyList<CorpusCase>> LazyCases = new(Build);

    public static IReadOnlyList<CorpusCase> Cases => LazyCases.Value;

    private static IReadOnlyList<CorpusCase> Build()
    {
        var b = new CorpusBuilder();
        AddRealistic(b);
        AddHostile(b);
        AddHostileKeys(b);
        AddNumbersAndTimes(b);
        AddControlCharacters(b);
        AddOtherEvents(b);
        AddInvalid(b);
        return b.Cases;
    }

    private static JsonObject Sensor(string friendlyName, string? unit = null, string? deviceClass = null, string? stateClass = null)
    {
        var attributes = new JsonObject();
        if (stateClass is not null)
        {
            attributes["state_class"] = stateClass;
        }

        if (unit is not null)
        {
            attributes["unit_of_measurement"] = unit;
        }

        if (deviceClass is not null)
        {
            attributes["device_class"] = deviceClass;
        }

        attributes["friendly_name"] = friendlyName;
        return attributes;
    }

    /// <summary>About <paramref name="length"/> characters of text full of characters that need escaping somewhere.</summary>
    private static string HostileText(int length)
    {
        const string Chunk = "Lorem \"ipsum\" dolor, sit=amet \\ consectetur\tadipiscing\nelit 🏠 ünïcödé 温度 ";
        var sb = new StringBuilder(length + Chunk.Length);
        while (sb.Length < length)
        {
            sb.Append(Chunk);
        }

        return sb.ToString(0, length);
    }
}
