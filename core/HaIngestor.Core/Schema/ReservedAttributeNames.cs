namespace HaIngestor.Core.Schema;

/// <summary>
/// The tag keys of every measurement the pipeline writes. An attribute field of the <c>homeassistant</c> schema that
/// would carry one of these names gets a trailing <c>_</c>, so no key is a tag in one measurement and a field in
/// another (a query over several measurements that filters on such a key returns nothing on InfluxDB 1.x).
/// </summary>
public static class ReservedAttributeNames
{
    private static readonly byte[][] Names = PipelineTagKeys().Select(k => k.Utf8.ToArray()).ToArray();

    /// <summary>Bit n set when some name is n bytes long: most attribute names are dismissed by length alone.</summary>
    private static readonly ulong Lengths = Names.Aggregate(0UL, (bits, name) => bits | (1UL << name.Length));

    /// <summary>The tag key names, sorted.</summary>
    public static IReadOnlyList<string> All { get; } = PipelineTagKeys().Select(k => k.Name).Order(StringComparer.Ordinal).ToArray();

    /// <summary>Whether <paramref name="name"/> is a tag key of some measurement.</summary>
    public static bool IsTagKey(ReadOnlySpan<byte> name)
    {
        if (name.Length >= 64 || (Lengths & (1UL << name.Length)) == 0)
        {
            return false;
        }

        foreach (var reserved in Names)
        {
            if (name.SequenceEqual(reserved))
            {
                return true;
            }
        }

        return false;
    }

    private static IEnumerable<PointKey> PipelineTagKeys()
        => new[] { DefaultStateKeys.Keys, HomeAssistantStateKeys.Keys, ServiceCallKeys.Keys, OtherEventKeys.Keys, Quality.QualityKeys.Keys }
            .SelectMany(m => m.Tags)
            .DistinctBy(k => k.Name);
}
