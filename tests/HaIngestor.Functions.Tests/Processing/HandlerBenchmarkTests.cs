using System.IO.Compression;
using System.Text;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.NoEmit;
using HaIngestor.Bench;

namespace HaIngestor.Functions.Tests.Processing;

/// <summary>
/// The batch handler benchmark (docs/PERFORMANCE.md, docs/COST.md) measures what it claims: every event of the
/// delivery written, enriched with the weather, gzipped; and it runs under BenchmarkDotNet as a dry job.
/// </summary>
public sealed class HandlerBenchmarkTests
{
    [Theory]
    [InlineData(35)]
    [InlineData(500)]
    public async Task Handle_RealisticBatch_WritesEveryEventWithWeatherGzipped(int size)
    {
        var benchmark = new HandlerBenchmarks { BatchSize = size };
        benchmark.Setup();
        try
        {
            var outcome = await benchmark.Handle();

            Assert.Equal(size, outcome.Received);
            Assert.Equal(size, outcome.WrittenEvents);
            Assert.Equal(0, outcome.DeadLettered);
            using var gzip = new GZipStream(new MemoryStream(HandlerBenchmarks.LastInfluxBody), CompressionMode.Decompress);
            using var reader = new StreamReader(gzip, Encoding.UTF8);
            var lines = (await reader.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(size, lines.Length);
            Assert.All(lines, line => Assert.Contains("Berlin", line, StringComparison.Ordinal));
        }
        finally
        {
            benchmark.Cleanup();
        }
    }

    [Fact]
    public void Benchmark_DryJob_RunsWithoutErrors()
    {
        var config = ManualConfig.CreateEmpty()
            .AddJob(Job.Dry.WithToolchain(InProcessNoEmitToolchain.Instance))
            .WithOptions(ConfigOptions.DisableLogFile);

        var summary = BenchmarkRunner.Run<HandlerBenchmarks>(config);

        Assert.Equal(3, summary.Reports.Length);
        Assert.All(summary.Reports, report => Assert.True(report.Success, report.BenchmarkCase.DisplayInfo));
        Assert.False(summary.HasCriticalValidationErrors);
    }
}
