using System.Globalization;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using HaIngestor.Core.Pipeline;
using HaIngestor.Core.Serialization;
using InfluxDB.Client.Writes;

namespace HaIngestor.Bench;

/// <summary>
/// Limit, baseline and ours over the same three ~1 KB state_changed frames. Each benchmark processes all three frames
/// per operation and declares <c>OperationsPerInvoke = 3</c>, so Mean is per event and events/s = 1 s / Mean.
/// </summary>
[MemoryDiagnoser]
public class PipelineBenchmarks
{
    private const int Events = 3;
    private static readonly string[] Allowlist = [.. new PipelineOptions().NumericAttributeAllowlist];

    private static readonly (string Attribute, string Tag)[] AttributeTags =
        [("area", "area"), ("device_class", "device_class"), ("state_class", "state_class"), ("unit_of_measurement", "unit")];

    // The same boolean-like table as StateValues.TryBooleanLike.
    private static readonly Dictionary<string, double> BooleanLike = new(StringComparer.Ordinal)
    {
        ["on"] = 1, ["open"] = 1, ["home"] = 1, ["locked"] = 1, ["true"] = 1, ["detected"] = 1, ["wet"] = 1,
        ["active"] = 1, ["connected"] = 1, ["playing"] = 1, ["above_horizon"] = 1,
        ["off"] = 0, ["closed"] = 0, ["not_home"] = 0, ["unlocked"] = 0, ["false"] = 0, ["clear"] = 0, ["dry"] = 0,
        ["inactive"] = 0, ["disconnected"] = 0, ["idle"] = 0, ["paused"] = 0, ["below_horizon"] = 0,
    };

    private readonly byte[][] _frames = Frames.All;
    private readonly EventPipeline _pipeline = new(new PipelineOptions());
    private readonly LineProtocolWriter _writer = new();

    /// <summary>A bare Utf8JsonReader pass over the bytes: the most any JSON-reading pipeline can do.</summary>
    [Benchmark(OperationsPerInvoke = Events)]
    public int Limit()
    {
        var tokens = 0;
        foreach (var frame in _frames)
        {
            var reader = new Utf8JsonReader(frame);
            while (reader.Read())
            {
                tokens++;
            }
        }

        return tokens;
    }

    /// <summary>
    /// The obvious implementation: <c>JsonDocument</c>, then InfluxDB.Client's <c>PointData</c> with the same tags and
    /// fields as ours in the default schema, ending like ours in UTF-8 bytes ready to send.
    /// </summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Events)]
    public int Baseline()
    {
        var length = 0;
        foreach (var frame in _frames)
        {
            length += BaselineLine(frame).Length;
        }

        return length;
    }

    /// <summary>One frame the obvious way; also used by <c>--compare</c> to check it matches ours.</summary>
    internal static byte[] BaselineLine(byte[] frame)
    {
        using var document = JsonDocument.Parse(frame);
        var data = document.RootElement.GetProperty("event").GetProperty("data");
        var entityId = data.GetProperty("entity_id").GetString()!;
        var newState = data.GetProperty("new_state");
        var state = newState.GetProperty("state").GetString()!;
        var attributes = newState.GetProperty("attributes");
        var lastUpdated = DateTime.Parse(newState.GetProperty("last_updated").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
        var point = PointData.Measurement("home_assistant_events")
            .Tag("entity_id", entityId)
            .Tag("domain", entityId[..entityId.IndexOf('.', StringComparison.Ordinal)])
            .Tag("event_type", "state_changed")
            .Field("state", state)
            .Field("attributes", attributes.GetRawText())
            .Timestamp(lastUpdated, InfluxDB.Client.Api.Domain.WritePrecision.Ms);
        foreach (var (name, tag) in AttributeTags)
        {
            if (attributes.TryGetProperty(name, out var tagValue) && tagValue.ValueKind == JsonValueKind.String && tagValue.GetString() is { Length: > 0 } text)
            {
                point = point.Tag(tag, text);
            }
        }

        if (attributes.TryGetProperty("friendly_name", out var friendlyName) && friendlyName.ValueKind == JsonValueKind.String)
        {
            point = point.Field("friendly_name", friendlyName.GetString());
        }

        if (data.TryGetProperty("old_state", out var oldState) && oldState.ValueKind == JsonValueKind.Object
            && oldState.TryGetProperty("state", out var oldText) && oldText.ValueKind == JsonValueKind.String)
        {
            point = point.Field("old_state", oldText.GetString());
        }

        if (double.TryParse(state, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
        {
            point = point.Field("value", value);
        }
        else if (BooleanLike.TryGetValue(state, out var flag))
        {
            point = point.Field("value", flag);
        }

        foreach (var attribute in attributes.EnumerateObject())
        {
            if (attribute.Value.ValueKind == JsonValueKind.Number && Array.IndexOf(Allowlist, attribute.Name) >= 0)
            {
                point = point.Field("attr_" + attribute.Name, attribute.Value.GetDouble());
            }
        }

        return Encoding.UTF8.GetBytes(point.ToLineProtocol());
    }

    /// <summary>Ours: parse, validate, normalize, map and serialize into the pooled writer.</summary>
    [Benchmark(OperationsPerInvoke = Events)]
    public int Ours()
    {
        _writer.Clear();
        var lines = 0;
        foreach (var frame in _frames)
        {
            lines += _pipeline.Process(frame, _writer).Lines;
        }

        return lines;
    }

    [GlobalCleanup]
    public void Cleanup() => _writer.Dispose();
}
