namespace HaIngestor.Core.Quality;

/// <summary>One home's entities and counters. Entities change under <see cref="Gate"/>; counters are lock-free.</summary>
internal sealed class HomeQuality
{
    /// <summary>Domains counted per home at most; further ones count as <c>other</c> (event input is not trusted).</summary>
    public const int MaxDomains = 256;

    public HomeQuality(string name)
    {
        Name = name;
        Entities = new Dictionary<byte[], EntityQuality>(Utf8KeyComparer.Instance);
        EntityLookup = Entities.GetAlternateLookup<ReadOnlySpan<byte>>();
        Domains = new Dictionary<byte[], DomainCounts>(Utf8KeyComparer.Instance);
        DomainLookup = Domains.GetAlternateLookup<ReadOnlySpan<byte>>();
    }

    public string Name { get; }

    public Lock Gate { get; } = new();

    public Dictionary<byte[], EntityQuality> Entities { get; }

    public Dictionary<byte[], EntityQuality>.AlternateLookup<ReadOnlySpan<byte>> EntityLookup { get; }

    public Dictionary<byte[], DomainCounts> Domains { get; }

    public Dictionary<byte[], DomainCounts>.AlternateLookup<ReadOnlySpan<byte>> DomainLookup { get; }

    /// <summary>The latest event time seen for this home (UTC ticks): the clock silence is measured against.</summary>
    public long LatestTicks;

    /// <summary>
    /// When the home's clock last resumed after the whole home was quiet for longer than the silence minimum (an
    /// outage, a lost connection): silence is measured from here at the earliest (UTC ticks).
    /// </summary>
    public long ResumedTicks;

    /// <summary>Entities per status as of the last evaluation, indexed by <see cref="QualityStatus"/>.</summary>
    public int[] StatusCounts { get; } = new int[4];
}
