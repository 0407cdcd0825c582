using System.Globalization;
using System.Text.Json;
using HaIngestor.Core.Normalization;
using HaIngestor.Core.Parsing;
using HaIngestor.Core.Pipeline;
using HaIngestor.Core.Schema;
using HaIngestor.Core.Serialization;

namespace HaIngestor.Core.Mapping;

/// <summary>
/// <c>state_changed</c> in the shape of Home Assistant's own InfluxDB integration (<c>event_to_json</c>, default
/// <c>measurement_attr: unit_of_measurement</c>), so its dashboards keep working. Differences, all for type
/// stability or idempotence, are listed in docs/SCHEMA.md.
/// </summary>
internal sealed class HomeAssistantSchemaMapper
{
    private const NumberStyles Styles = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

    private readonly bool _convertUnits;

    public HomeAssistantSchemaMapper(PipelineOptions options) => _convertUnits = options.ConvertUnits;

    public ProcessResult Map(in EventSource source, in EventView view, AttributeBuffer attributes, DateTimeOffset timestamp, LineProtocolWriter output)
    {
        // Like Home Assistant: removals and unknown/unavailable/empty states are not written.
        if (!view.NewState.Self.IsObject || StateValues.IsUnavailable(source.Text(view.NewState.State)))
        {
            return ProcessResult.Skipped;
        }

        var stateText = source.Text(view.NewState.State);
        var includeValue = StateValues.TryParseNumber(stateText, out var value);
        var isNumber = includeValue;
        var includeState = !includeValue;
        if (!includeValue && StateValues.TryHomeAssistantStateAsNumber(stateText, out value))
        {
            includeValue = true;
        }

        var unitAsMeasurement = view.NewState.Unit.IsString && view.NewState.Unit.Length > 0;
        if (unitAsMeasurement)
        {
            var unit = source.Text(view.NewState.Unit);
            if (_convertUnits && UnitConversion.TryGetTarget(unit, out var target, out var kind))
            {
                output.BeginLine(target);
                output.Tag(HomeAssistantStateKeys.OriginalUnit.Utf8, unit);
                value = isNumber ? UnitConversion.Convert(value, kind) : value;
            }
            else
            {
                output.BeginLine(unit);
            }
        }
        else
        {
            output.BeginLine(source.Text(view.EntityId));
        }

        var entityId = source.Text(view.EntityId);
        var dot = entityId.IndexOf((byte)'.');
        output.Tag(HomeAssistantStateKeys.Domain.Utf8, entityId[..dot]);
        output.Tag(HomeAssistantStateKeys.EntityId.Utf8, entityId[(dot + 1)..]);
        if (view.Home.IsString && view.Home.Length > 0)
        {
            output.Tag(HomeAssistantStateKeys.Home.Utf8, source.Text(view.Home));
        }

        if (includeState)
        {
            output.Field(HomeAssistantStateKeys.State.Utf8, source.Text(view.NewState.State));
        }

        if (includeValue)
        {
            output.Field(HomeAssistantStateKeys.Value.Utf8, value);
        }

        foreach (ref readonly var entry in attributes.Entries)
        {
            WriteAttribute(source, entry, unitAsMeasurement, output);
        }

        output.EndLine(timestamp);
        return ProcessResult.Written(1);
    }

    private static void WriteAttribute(in EventSource source, in AttributeBuffer.Entry entry, bool unitAsMeasurement, LineProtocolWriter output)
    {
        var key = source.KeyText(entry.Key);
        if (unitAsMeasurement && key.SequenceEqual("unit_of_measurement"u8))
        {
            return;
        }

        // Home Assistant renames these only when the field exists in that event; always renaming keeps
        // `state` a string and `value` a float in every line.
        if (key.SequenceEqual("state"u8) || key.SequenceEqual("value"u8))
        {
            key = source.Compose(key, "_"u8);
        }

        // Every `*_str` key is a string: a numeric attribute whose own name ends in `_str` goes to `<name>_str`.
        var stringOnly = key.EndsWith("_str"u8);
        switch (entry.Value.Kind)
        {
            case JsonTokenType.Number:
                if (stringOnly)
                {
                    output.Field(source.Compose(key, "_str"u8), source.Raw(entry.Value));
                }
                else if (StateValues.TryParseJsonNumber(source.Raw(entry.Value), out var number))
                {
                    output.Field(FloatKey(source, key), number);
                }

                break;
            case JsonTokenType.True:
            case JsonTokenType.False:
                if (stringOnly)
                {
                    output.Field(source.Compose(key, "_str"u8), entry.Value.Kind == JsonTokenType.True ? "True"u8 : "False"u8);
                }
                else
                {
                    output.Field(FloatKey(source, key), entry.Value.Kind == JsonTokenType.True ? 1d : 0d);
                }

                break;
            case JsonTokenType.String:
                WriteStringAttribute(source, key, entry.Value, stringOnly, output);
                break;
            case JsonTokenType.Null:
                output.Field(source.Compose(key, "_str"u8), "None"u8);
                break;
            default:
                output.Field(source.Compose(key, "_str"u8), source.Raw(entry.Value));
                break;
        }
    }

    private static void WriteStringAttribute(in EventSource source, ReadOnlySpan<byte> key, in JsonSlice value, bool stringOnly, LineProtocolWriter output)
    {
        var text = source.Text(value);
        if (!stringOnly)
        {
            if (StateValues.TryParseNumber(text, out var number))
            {
                output.Field(FloatKey(source, key), number);
                return;
            }

            // float("nan"), float("inf"), float("1e309") succeed in Python and Home Assistant then drops the field.
            if (StateValues.IsNonFiniteWord(text) || (text.Length > 0 && MayStartFloat(text[0]) && double.TryParse(text, Styles, CultureInfo.InvariantCulture, out _)))
            {
                return;
            }
        }

        output.Field(source.Compose(key, "_str"u8), text);
        if (!stringOnly && TryDigitTail(text, out var tail))
        {
            // After the string field: both names are composed in one scratch buffer.
            output.Field(FloatKey(source, key), tail);
        }
    }

    /// <summary>
    /// The name of an attribute's float field: a tag key of any measurement (e.g. a numeric attribute <c>domain</c>)
    /// gets a trailing <c>_</c>, so no key is a tag in one place and a field in another. Its <c>_str</c> field keeps
    /// the name, as Home Assistant writes it (no tag ends in <c>_str</c>).
    /// </summary>
    private static ReadOnlySpan<byte> FloatKey(in EventSource source, ReadOnlySpan<byte> key)
        => ReservedAttributeNames.IsTagKey(key) ? source.Compose(key, "_"u8) : key;

    /// <summary>
    /// Home Assistant's <c>RE_DIGIT_TAIL</c> (<c>^[^\.]*\d+\.?\d+[^\.]*$</c>) and <c>RE_DECIMAL</c> (<c>[^\d.]+</c>):
    /// a string like <c>"12.5 W"</c> also gets a float field of its digits and dot.
    /// </summary>
    internal static bool TryDigitTail(ReadOnlySpan<byte> text, out double value)
    {
        value = 0;
        var dot = text.IndexOf((byte)'.');
        if (dot >= 0)
        {
            if (text[(dot + 1)..].Contains((byte)'.') || dot == 0 || dot == text.Length - 1 || !IsDigit(text[dot - 1]) || !IsDigit(text[dot + 1]))
            {
                return false;
            }
        }
        else if (!HasTwoDigitsInARow(text))
        {
            return false;
        }

        Span<byte> digits = stackalloc byte[64];
        var length = 0;
        foreach (var b in text)
        {
            if (IsDigit(b) || b == '.')
            {
                if (length == digits.Length)
                {
                    return false;
                }

                digits[length++] = b;
            }
        }

        return StateValues.TryParseNumber(digits[..length], out value);
    }

    private static bool HasTwoDigitsInARow(ReadOnlySpan<byte> text)
    {
        for (var i = 1; i < text.Length; i++)
        {
            if (IsDigit(text[i]) && IsDigit(text[i - 1]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// False for a first byte no text double.TryParse accepts with these styles starts with (no leading white space,
    /// no currency): most string attributes are words, and a full parse attempt per word is the costly part here.
    /// </summary>
    internal static bool MayStartFloat(byte b)
        => b >= 0x80 || IsDigit(b) || b is (byte)'+' or (byte)'-' or (byte)'.' or (byte)'i' or (byte)'I' or (byte)'n' or (byte)'N';

    private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;
}
