namespace HaIngestor.Connector.Demo;

/// <summary>What the demo was asked to do.</summary>
/// <param name="Duration">Stop after this long; null runs until Ctrl-C.</param>
/// <param name="Rate">Simulated events per second.</param>
/// <param name="OutputPath">Data folder.</param>
/// <param name="Seed">Seed of the simulated home.</param>
/// <param name="Interactive">Live table (true) or plain periodic lines (false).</param>
/// <param name="StatusPort">Loopback port of the status page; 0 picks a free one.</param>
/// <param name="Silence">Simulated sensors that stop reporting after <see cref="SilenceAfter"/>.</param>
/// <param name="Unavailable">Simulated sensors that turn unavailable for good after <see cref="SilenceAfter"/>.</param>
internal sealed record DemoSettings(TimeSpan? Duration, double Rate, string OutputPath, int Seed, bool Interactive, int StatusPort = 0, int Silence = 0, int Unavailable = 0)
{
    /// <summary>When the faults start (default 30 s).</summary>
    public TimeSpan SilenceAfter { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Restart the simulated Home Assistant once after this long (null: never), to see its re-announcement of every
    /// entity skipped as restart duplicates.
    /// </summary>
    public TimeSpan? RestartAfter { get; init; }

    /// <summary>The point schema (<c>default</c> or <c>homeassistant</c>).</summary>
    public string Schema { get; init; } = "default";
}
