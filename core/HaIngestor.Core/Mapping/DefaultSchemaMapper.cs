using System.Text;
using HaIngestor.Core.Enrichment;
using HaIngestor.Core.Normalization;
using HaIngestor.Core.Parsing;
using HaIngestor.Core.Pipeline;
using HaIngestor.Core.Serialization;

namespace HaIngestor.Core.Mapping;

/// <summary>
/// <c>state_changed</c> in the default schema: one line in <see cref="PipelineOptions.Measurement"/> with entity tags
/// and typed fields (docs/SCHEMA.md). Removals (<c>new_state</c> null) are written with <c>state=""</c>,
/// <c>removed=true</c> and the old state's metadata, at <c>time_fired</c>.
/// </summary>
internal sealed class DefaultSchemaMapper
{
    private readonly byte[] _measurement;
    private readonly byte[]? _location;
    private readonly AttributeAllowlist _allowlist;
    private readonly bool _skipUnavailable;
    private readonly bool _convertUnits;

    public DefaultSchemaMapper(PipelineOptions options)
    {
        _measurement = Encoding.UTF8.GetBytes(options.Measurement);
        _location = string.IsNullOrEmpty(options.Location) ? null : Encoding.UTF8.GetBytes(options.Location);
        _allowlist = new AttributeAllowlist(options.NumericAttributeAllowlist);
        _skipUnavailable = options.SkipUnavailableStates;
        _convertUnits = options.ConvertUnits;
    }

    public ProcessResult Map(in EventSource source, in EventView view, AttributeBuffer attributes, DateTimeOffset timestamp, in EnrichmentContext enrichment, LineProtocolWriter output, bool tagOutOfRange = false)
    {
        var removed = !view.NewState.Self.IsObject;
        var value = 0d;
        var hasValue = false;
        var isNumber = false;
        if (!removed)
        {
            var stateText = source.Text(view.NewState.State);
            if (_skipUnavailable && StateValues.IsUnavailable(stateText))
            {
                return ProcessResult.Skipped;
            }

            isNumber = StateValues.TryParseNumber(stateText, out value);
            hasValue = isNumber || StateValues.TryBooleanLike(stateText, out value);
        }

        var oldState = view.OldState;
        if (removed)
        {
            EventReader.ReadAttributeMetadata(source.Message, ref oldState);
        }

        ref readonly var meta = ref removed ? ref oldState : ref view.NewState;
        // Tags go in key order, so the writer's insertion sort has nothing to move.
        output.BeginLine(_measurement);
        StringTag(source, output, "area"u8, view.Area.IsString && view.Area.Length > 0 ? view.Area : meta.Area);
        StringTag(source, output, "device"u8, view.Device);
        StringTag(source, output, "device_class"u8, meta.DeviceClass);
        var entityId = source.Text(view.EntityId);
        output.Tag("domain"u8, entityId[..entityId.IndexOf((byte)'.')]);
        output.Tag("entity_id"u8, entityId);
        output.Tag("event_type"u8, "state_changed"u8);
        StringTag(source, output, "home"u8, view.Home);
        if (tagOutOfRange)
        {
            output.Tag("quality"u8, "out_of_range"u8);
        }

        StringTag(source, output, "state_class"u8, meta.StateClass);
        if (meta.Unit.IsString)
        {
            var unit = source.Text(meta.Unit);
            if (_convertUnits && UnitConversion.TryGetTarget(unit, out var target, out var kind))
            {
                output.Tag("unit"u8, target);
                output.Tag("original_unit"u8, unit);
                value = isNumber ? UnitConversion.Convert(value, kind) : value;
            }
            else
            {
                output.Tag("unit"u8, unit);
            }
        }

        output.Field("state"u8, removed ? default : source.Text(view.NewState.State));
        if (hasValue)
        {
            output.Field("value"u8, value);
        }

        if (removed)
        {
            output.Field("removed"u8, true);
        }

        if (view.OldState.State.IsString)
        {
            output.Field("old_state"u8, source.Text(view.OldState.State));
        }

        if (meta.FriendlyName.IsString)
        {
            output.Field("friendly_name"u8, source.Text(meta.FriendlyName));
        }

        if (!removed)
        {
            output.Field("attributes"u8, view.NewState.Attributes.IsObject ? source.Raw(view.NewState.Attributes) : "{}"u8);
            WriteAllowlisted(source, attributes, output);
        }

        WeatherFields.Write(output, enrichment.Weather, _location);
        if (view.CatchUp)
        {
            output.Field("catch_up"u8, true);
        }

        output.EndLine(timestamp);
        return ProcessResult.Written(1);
    }

    private void WriteAllowlisted(in EventSource source, AttributeBuffer attributes, LineProtocolWriter output)
    {
        // Only JSON numbers become typed fields: a string, bool or null value of the same attribute stays in
        // `attributes` alone, so attr_* keys are floats forever (invariant 3).
        // Which allowlisted names were written, as bits: a name repeated in the JSON keeps its first number. No stack
        // buffer here: it would keep this loop from being recompiled with profile data.
        var written = 0UL;
        var more = _allowlist.Count > 64 ? new bool[_allowlist.Count] : null;
        foreach (ref readonly var entry in attributes.Entries)
        {
            if (!entry.IsNumber)
            {
                continue;
            }

            var index = _allowlist.IndexOf(source.KeyText(entry.Key));
            if (index < 0)
            {
                continue;
            }

            var done = more is null ? (written & (1UL << index)) != 0 : more[index];
            if (!done && StateValues.TryParseJsonNumber(source.Raw(entry.Value), out var number))
            {
                if (more is null)
                {
                    written |= 1UL << index;
                }
                else
                {
                    more[index] = true;
                }

                output.Field(_allowlist.FieldKey(index), number);
            }
        }
    }

    private static void StringTag(in EventSource source, LineProtocolWriter output, ReadOnlySpan<byte> key, in JsonSlice slice)
    {
        if (slice.IsString && slice.Length > 0)
        {
            output.Tag(key, source.Text(slice));
        }
    }
}
