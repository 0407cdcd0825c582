using System.Globalization;
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

    /// <summary>The obvious implementation: JsonDocument, then InfluxDB.Client's PointData.ToLineProtocol().</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Events)]
    public int Baseline()
    {
        var length = 0;
        foreach (var frame in _frames)
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
            if (attributes.TryGetProperty("device_class", out var deviceClass))
            {
                point = point.Tag("device_class", deviceClass.GetString());
            }

            if (attributes.TryGetProperty("unit_of_measurement", out var unit))
            {
                point = point.Tag("unit", unit.GetString());
            }

            if (attributes.TryGetProperty("friendly_name", out var friendlyName))
            {
                point = point.Field("friendly_name", friendlyName.GetString());
            }

            if (double.TryParse(state, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                point = point.Field("value", value);
            }

            foreach (var attribute in attributes.EnumerateObject())
            {
                if (attribute.Value.ValueKind == JsonValueKind.Number && Array.IndexOf(Allowlist, attribute.Name) >= 0)
                {
                    point = point.Field("attr_" + attribute.Name, attribute.Value.GetDouble());
                }
            }

            length += point.ToLineProtocol().Length;
        }

        return length;
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
