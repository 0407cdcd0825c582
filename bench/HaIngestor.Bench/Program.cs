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

if (args is ["--eventhubs"])
{
    EventHubsRoundTrips.Run();
    return;
}

if (args is ["--quick"])
{
    QuickRatio.Run();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(EventHubsRoundTrips).Assembly).Run(args);
