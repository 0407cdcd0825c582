namespace HaIngestor.Connector.Demo;

/// <summary>How the demo shows itself: a live table on a terminal, plain lines otherwise.</summary>
internal interface IDemoView
{
    void Started(Uri simulatorUrl, string outputPath, Uri statusUrl);

    /// <summary>Shows snapshots every <paramref name="tick"/> until <paramref name="duration"/> passes or the token fires.</summary>
    Task RunAsync(Func<DemoSnapshot> snapshot, TimeSpan? duration, TimeSpan tick, CancellationToken cancellationToken);

    void Finished(DemoSnapshot last, DemoResult result, string outputPath);
}
