using System.Text;
using System.Text.RegularExpressions;

namespace HaIngestor.Connector.HomeAssistant;

/// <summary>
/// Include/exclude filter on entity ids with the exact semantics of Home Assistant's
/// <c>homeassistant/helpers/entityfilter.py</c>, so a filter copied from a recorder or InfluxDB configuration
/// keeps the same entities here.
/// </summary>
internal sealed class EntityFilter
{
    private readonly HashSet<string> _includeEntities;
    private readonly HashSet<string> _includeDomains;
    private readonly Regex? _includeGlobs;
    private readonly HashSet<string> _excludeEntities;
    private readonly HashSet<string> _excludeDomains;
    private readonly Regex? _excludeGlobs;
    private readonly Func<string, bool> _decide;

    public EntityFilter(EntityFilterOptions include, EntityFilterOptions exclude)
    {
        _includeEntities = ToSet(include.Entities);
        _includeDomains = ToSet(include.Domains);
        _includeGlobs = ToRegex(include.EntityGlobs);
        _excludeEntities = ToSet(exclude.Entities);
        _excludeDomains = ToSet(exclude.Domains);
        _excludeGlobs = ToRegex(exclude.EntityGlobs);

        var haveInclude = !include.IsEmpty;
        var haveExclude = !exclude.IsEmpty;
        IsPassThrough = !haveInclude && !haveExclude;

        // The same case split as Home Assistant; the order of the branches matters.
        _decide = (haveInclude, haveExclude) switch
        {
            (false, false) => static _ => true,
            (true, false) => Included,
            (false, true) => id => !Excluded(id),
            _ when _includeDomains.Count > 0 || _includeGlobs is not null => IncludeDomainOrGlobWithExcludes,
            _ when _excludeDomains.Count > 0 || _excludeGlobs is not null => ExcludeDomainOrGlobWithEntityIncludes,
            _ => _includeEntities.Contains,
        };
    }

    /// <summary>True when no filter is configured.</summary>
    public bool IsPassThrough { get; }

    /// <summary>True when events of <paramref name="entityId"/> are kept.</summary>
    public bool Allows(string entityId) => _decide(entityId);

    private bool Included(string id) =>
        _includeEntities.Contains(id) || _includeDomains.Contains(Domain(id)) || (_includeGlobs?.IsMatch(id) ?? false);

    private bool Excluded(string id) =>
        _excludeEntities.Contains(id) || _excludeDomains.Contains(Domain(id)) || (_excludeGlobs?.IsMatch(id) ?? false);

    // Case 4: entity include wins, then entity exclude, then glob include, then domain include unless glob-excluded.
    private bool IncludeDomainOrGlobWithExcludes(string id) =>
        _includeEntities.Contains(id)
        || (!_excludeEntities.Contains(id)
            && ((_includeGlobs?.IsMatch(id) ?? false)
                || (_includeDomains.Contains(Domain(id)) && !(_excludeGlobs?.IsMatch(id) ?? false))));

    // Case 5: an entity include list only re-admits entities excluded by domain or glob; the rest pass unless listed.
    private bool ExcludeDomainOrGlobWithEntityIncludes(string id) =>
        _excludeDomains.Contains(Domain(id)) || (_excludeGlobs?.IsMatch(id) ?? false)
            ? _includeEntities.Contains(id)
            : !_excludeEntities.Contains(id);

    private static string Domain(string entityId)
    {
        var dot = entityId.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? entityId : entityId[..dot];
    }

    private static HashSet<string> ToSet(IEnumerable<string> values) =>
        new(values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim().ToLowerInvariant()), StringComparer.Ordinal);

    private static Regex? ToRegex(IList<string> globs)
    {
        var patterns = globs.Where(g => !string.IsNullOrWhiteSpace(g)).Select(g => "(?:" + TranslateGlob(g.Trim()) + ")").ToList();
        return patterns.Count == 0
            ? null
            : new Regex("^(?:" + string.Join('|', patterns) + ")$", RegexOptions.CultureInvariant | RegexOptions.Compiled, TimeSpan.FromSeconds(1));
    }

    // Python's fnmatch.translate: '*' any run, '?' one character, '[...]' a set ('[!...]' negated); '.' is literal.
    internal static string TranslateGlob(string glob)
    {
        var sb = new StringBuilder(glob.Length * 2);
        for (var i = 0; i < glob.Length; i++)
        {
            var c = glob[i];
            switch (c)
            {
                case '*':
                    sb.Append(".*");
                    break;
                case '?':
                    sb.Append('.');
                    break;
                case '[':
                    var close = glob.IndexOf(']', Math.Min(i + 2, glob.Length));
                    if (close < 0)
                    {
                        sb.Append(@"\[");
                        break;
                    }

                    var set = glob[(i + 1)..close].Replace(@"\", @"\\", StringComparison.Ordinal);
                    if (set.StartsWith('!'))
                    {
                        set = "^" + set[1..];
                    }
                    else if (set.StartsWith('^'))
                    {
                        set = @"\" + set;
                    }

                    sb.Append('[').Append(set).Append(']');
                    i = close;
                    break;
                default:
                    sb.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }

        return sb.ToString();
    }
}
