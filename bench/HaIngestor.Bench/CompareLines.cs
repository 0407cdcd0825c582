using System.Text;
using HaIngestor.Core.Pipeline;
using HaIngestor.Core.Serialization;

namespace HaIngestor.Bench;

/// <summary>
/// <c>--compare</c>: prints the line the baseline and ours produce for each benchmark frame, so it can be checked
/// that both write the same point (same tags, fields and timestamp; number formatting may differ).
/// </summary>
internal static class CompareLines
{
    public static void Run()
    {
        var pipeline = new EventPipeline(new PipelineOptions());
        foreach (var frame in Frames.All)
        {
            using var writer = new LineProtocolWriter();
            pipeline.Process(frame, writer);
            Console.WriteLine("baseline: " + Encoding.UTF8.GetString(PipelineBenchmarks.BaselineLine(frame)).TrimEnd());
            Console.WriteLine("ours:     " + Encoding.UTF8.GetString(writer.WrittenSpan).TrimEnd());
            Console.WriteLine();
        }
    }
}
