using HaIngestor.Core.Pipeline;

namespace HaIngestor.Core.Schema;

/// <summary>
/// Every key one kind of point can carry. A measurement is declared once, as a static <see cref="MeasurementKeys"/>
/// member of a public or internal class of any HaIngestor assembly: the schema test finds every such member by
/// reflection and fails when a key is a tag in one and a field in another, or a field of two types.
/// </summary>
public sealed class MeasurementKeys
{
    /// <summary>Declares a measurement's keys.</summary>
    public MeasurementKeys(string measurement, IReadOnlyList<PointSchema> schemas, IReadOnlyList<PointKey> keys, IReadOnlyList<PointKeyFamily>? families = null)
    {
        ArgumentNullException.ThrowIfNull(keys);
        Measurement = measurement;
        Schemas = schemas;
        Keys = keys;
        Families = families ?? [];
        Tags = keys.Where(k => k.Kind == PointKeyKind.Tag).ToArray();
        Fields = keys.Where(k => k.Kind == PointKeyKind.Field).ToArray();
    }

    /// <summary>The measurement name, or how it is chosen (e.g. <c>&lt;unit_of_measurement&gt; or &lt;entity_id&gt;</c>).</summary>
    public string Measurement { get; }

    /// <summary>The schemas that write this measurement.</summary>
    public IReadOnlyList<PointSchema> Schemas { get; }

    /// <summary>The keys with fixed names.</summary>
    public IReadOnlyList<PointKey> Keys { get; }

    /// <summary>The keys named from the data.</summary>
    public IReadOnlyList<PointKeyFamily> Families { get; }

    /// <summary>The fixed tag keys.</summary>
    public IReadOnlyList<PointKey> Tags { get; }

    /// <summary>The fixed field keys.</summary>
    public IReadOnlyList<PointKey> Fields { get; }

    /// <inheritdoc />
    public override string ToString() => Measurement;
}
