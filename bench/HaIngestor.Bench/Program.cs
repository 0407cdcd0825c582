using BenchmarkDotNet.Running;
using HaIngestor.Bench;

if (args is ["--stages"])
{
    StageTimings.Run();
    return;
}

if (args is ["--compare"])
{
    CompareLines.Run();
    return;
}

if (args is ["--quick"])
{
    QuickRatio.Run();
    return;
}

if (args is ["--handler-check"])
{
    var bench = new HandlerBenchmarks { BatchSize = 100 };
    var watch = System.Diagnostics.Stopwatch.StartNew();
    bench.Setup();
    Console.WriteLine($"setup {watch.ElapsedMilliseconds} ms");
    watch.Restart();
    var outcome = await bench.HandleOnce();
    Console.WriteLine($"handle {watch.ElapsedMilliseconds} ms: {outcome} {bench.BytesWritten} bytes");
    bench.Cleanup();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
