using System.Reflection;
using HaIngestor.Core.Schema;

namespace HaIngestor.IntegrationTests.Schema;

/// <summary>
/// Every <see cref="MeasurementKeys"/> declared as a static member anywhere in the HaIngestor assemblies next to the
/// tests: a measurement added later is picked up without touching the tests.
/// </summary>
internal static class MeasurementCatalog
{
    private static readonly Lazy<IReadOnlyList<(string Declaration, MeasurementKeys Keys)>> LazyAll = new(Discover);

    public static IReadOnlyList<(string Declaration, MeasurementKeys Keys)> All => LazyAll.Value;

    public static IEnumerable<(string Declaration, PointKey Key)> FixedKeys
        => All.SelectMany(m => m.Keys.Keys.Select(k => (m.Declaration, k)));

    private static IReadOnlyList<(string, MeasurementKeys)> Discover()
    {
        var folder = Path.GetDirectoryName(typeof(MeasurementCatalog).Assembly.Location)!;
        var found = new List<(string, MeasurementKeys)>();
        foreach (var file in Directory.GetFiles(folder, "HaIngestor.*.dll").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(file);
            if (name.EndsWith(".Tests", StringComparison.Ordinal) || name is "HaIngestor.TestUtilities" or "HaIngestor.IntegrationTests")
            {
                continue;
            }

            foreach (var type in Assembly.Load(new AssemblyName(name)).GetTypes())
            {
                const BindingFlags Static = BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
                // Properties first, so an auto-property is named after itself rather than its backing field.
                var values = type.GetProperties(Static).Where(p => p.PropertyType == typeof(MeasurementKeys) && p.GetIndexParameters().Length == 0).Select(p => (p.Name, p.GetValue(null)))
                    .Concat(type.GetFields(Static).Where(f => f.FieldType == typeof(MeasurementKeys)).Select(f => (f.Name, f.GetValue(null))));
                foreach (var (member, value) in values)
                {
                    if (value is MeasurementKeys keys && !found.Exists(f => ReferenceEquals(f.Item2, keys)))
                    {
                        found.Add(($"{type.FullName}.{member}", keys));
                    }
                }
            }
        }

        return found;
    }
}
