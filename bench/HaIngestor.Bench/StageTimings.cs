using System.Text.Json;
using System.Text.Unicode;
using HaIngestor.Core.Parsing;
using HaIngestor.Core.Pipeline;
using HaIngestor.Core.Validation;

namespace HaIngestor.Bench;

/// <summary>Times the pipeline's stages separately (<c>--stages</c>), to see where the hot path spends its time.</summary>
internal static class StageTimings
{
    public static void Run()
    {
        var frames = Frames.All;
        var attributes = new AttributeBuffer();
        var scratch = PipelineScratch.Current;
        var options = new PipelineOptions();
        var pipeline = new EventPipeline(options);
        var mapper = new HaIngestor.Core.Mapping.DefaultSchemaMapper(options);
        var haOptions = new PipelineOptions { Schema = PointSchema.HomeAssistant };
        var haMapper = new HaIngestor.Core.Mapping.HomeAssistantSchemaMapper(haOptions);
        var haPipeline = new EventPipeline(haOptions);
        using var writer = new HaIngestor.Core.Serialization.LineProtocolWriter();
        var views = new EventView[frames.Length];
        var buffers = new AttributeBuffer[frames.Length];
        for (var i = 0; i < frames.Length; i++)
        {
            buffers[i] = new AttributeBuffer();
            EventReader.TryRead(frames[i], out views[i], buffers[i]);
        }

        var attributesJson = new byte[frames.Length][];
        for (var i = 0; i < frames.Length; i++)
        {
            attributesJson[i] = views[i].NewState.Attributes.Raw(frames[i]).ToArray();
        }
        (string Name, Action Body)[] stages =
        [
            ("reader", () =>
            {
                foreach (var f in frames)
                {
                    var r = new Utf8JsonReader(f);
                    while (r.Read())
                    {
                    }
                }
            }),
            ("fast", () =>
            {
                foreach (var f in frames)
                {
                    var view = default(EventView);
                    EventReader.TryReadFast(f, ref view, attributes);
                }
            }),
            ("cursor-skip", () =>
            {
                foreach (var f in frames)
                {
                    _ = new JsonCursor(f).Skip(0);
                }
            }),
            ("scan-skip", () =>
            {
                foreach (var f in frames)
                {
                    EventReader.ScanObject(f, 0);
                }
            }),
            ("utf8", () =>
            {
                foreach (var f in frames)
                {
                    _ = Utf8.IsValid(f);
                }
            }),
            ("read", () =>
            {
                foreach (var f in frames)
                {
                    EventReader.TryRead(f, out _, attributes);
                }
            }),
            ("read+validate", () =>
            {
                foreach (var f in frames)
                {
                    EventReader.TryRead(f, out var view, attributes);
                    EventValidator.Validate(new EventSource(f, scratch), view, out _, out _, out _);
                }
            }),
            ("validate", () =>
            {
                for (var i = 0; i < frames.Length; i++)
                {
                    EventValidator.Validate(new EventSource(frames[i], scratch), views[i], out _, out _, out _);
                }
            }),
            ("map", () =>
            {
                writer.Clear();
                for (var i = 0; i < frames.Length; i++)
                {
                    mapper.Map(new EventSource(frames[i], scratch), views[i], buffers[i], DateTimeOffset.UnixEpoch, default, writer);
                }
            }),
            ("map-ha", () =>
            {
                writer.Clear();
                for (var i = 0; i < frames.Length; i++)
                {
                    haMapper.Map(new EventSource(frames[i], scratch), views[i], buffers[i], DateTimeOffset.UnixEpoch, writer);
                }
            }),
            ("escape-attrs", () =>
            {
                writer.Clear();
                for (var i = 0; i < frames.Length; i++)
                {
                    writer.BeginLine("m"u8);
                    writer.Field("attributes"u8, attributesJson[i]);
                    writer.EndLine(DateTimeOffset.UnixEpoch);
                }
            }),
            ("process", () =>
            {
                writer.Clear();
                foreach (var f in frames)
                {
                    pipeline.Process(f, writer);
                }
            }),
            ("process-ha", () =>
            {
                writer.Clear();
                foreach (var f in frames)
                {
                    haPipeline.Process(f, writer);
                }
            }),
        ];
        // HAI_BENCH_STAGE=<name> runs only that stage, for a profiler (perf record with DOTNET_PerfMapEnabled=1).
        var only = Environment.GetEnvironmentVariable("HAI_BENCH_STAGE");
        if (!string.IsNullOrEmpty(only))
        {
            stages = [.. stages.Where(stage => stage.Name == only)];
        }

        var best = new double[stages.Length];
        for (var round = 0; round < 7; round++)
        {
            for (var s = 0; s < stages.Length; s++)
            {
                var started = ThreadCpuClock.NowNanoseconds();
                for (var i = 0; i < 20_000; i++)
                {
                    stages[s].Body();
                }

                var nsPerEvent = (ThreadCpuClock.NowNanoseconds() - started) / 60_000;
                best[s] = round == 0 ? nsPerEvent : Math.Min(best[s], nsPerEvent);
            }
        }

        for (var s = 0; s < stages.Length; s++)
        {
            Console.WriteLine($"{stages[s].Name,-16} {best[s],8:F0} ns/event");
        }
    }
}
