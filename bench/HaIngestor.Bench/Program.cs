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

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
