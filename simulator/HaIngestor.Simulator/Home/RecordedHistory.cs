using System.Globalization;

namespace HaIngestor.Simulator.Home;

/// <summary>
/// What the recorder of the simulated home holds: for every entity, a deterministic series of states over the days
/// before the simulator started, from the seed, the entity's position and the end time alone (nothing is stored).
/// Numeric sensors change at every sample (meters only grow), on/off entities toggle, lights also change brightness
/// while on (last_changed then stays behind last_updated), everything else has one recorded state at the start.
/// </summary>
internal sealed class RecordedHistory
{
    private readonly IReadOnlyList<HaState> _initial;
    private readonly Dictionary<string, int> _index;
    private readonly int _seed;

    public RecordedHistory(IReadOnlyList<HaState> initial, int seed, DateTimeOffset end, TimeSpan span, TimeSpan interval)
    {
        _initial = initial;
        _seed = seed;
        _index = initial.Select((s, i) => (s.EntityId, i)).ToDictionary(p => p.EntityId, p => p.i, StringComparer.Ordinal);
        End = end;
        Start = end - span;
        Interval = interval;
    }

    /// <summary>The oldest recorded time.</summary>
    public DateTimeOffset Start { get; }

    /// <summary>Nothing is recorded at or after this time (the simulator's start).</summary>
    public DateTimeOffset End { get; }

    public TimeSpan Interval { get; }

    /// <summary>True when the entity has a recorded history.</summary>
    public bool Has(string entityId) => _index.ContainsKey(entityId);

    public IEnumerable<string> EntityIds => _initial.Select(s => s.EntityId);

    /// <summary>The entity's state when the simulator started (the source of its history), or null.</summary>
    public HaState? InitialOf(string entityId) => _index.TryGetValue(entityId, out var i) ? _initial[i] : null;

    /// <summary>The entity's recorded states in time order; empty for an unknown entity or an empty range.</summary>
    public IEnumerable<HaState> StatesOf(string entityId)
    {
        if (!_index.TryGetValue(entityId, out var position) || Interval <= TimeSpan.Zero || End <= Start)
        {
            yield break;
        }

        var initial = _initial[position];
        var phaseMicros = (long)(Unit(position, -1) * (Interval.Ticks / 10));
        var first = Start.AddTicks(phaseMicros * 10);
        var kind = KindOf(initial);
        var digits = Digits(initial.State);
        var baseValue = double.TryParse(initial.State, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : 0;
        var meter = baseValue;
        string? previousText = null;
        var lastChanged = first;
        for (var k = 0L; ; k++)
        {
            var at = first.AddTicks(k * Interval.Ticks);
            if (at >= End || (kind == SeriesKind.Fixed && k > 0))
            {
                yield break;
            }

            string state;
            IReadOnlyDictionary<string, object?> attributes = initial.Attributes;
            switch (kind)
            {
                case SeriesKind.Meter:
                    meter += Math.Pow(10, -digits) * (1 + Math.Floor(Unit(position, k) * 50));
                    state = Format(meter, digits);
                    break;
                case SeriesKind.Number:
                    var day = 2 * Math.PI * at.TimeOfDay.TotalDays;
                    var amplitude = Math.Max(1, Math.Abs(baseValue) * 0.1);
                    var value = baseValue + amplitude * Math.Sin(day + position) + amplitude * 0.2 * (Unit(position, k) - 0.5);
                    state = Format(value, digits);
                    if (state == previousText)
                    {
                        state = Format(value + Math.Pow(10, -digits), digits);
                    }

                    break;
                case SeriesKind.Light:
                    // Off, on, brighter: the third sample changes attributes only.
                    state = k % 3 == 0 ? "off" : "on";
                    attributes = k % 3 == 0
                        ? LightAttributes.OffFrom(initial.Attributes)
                        : LightAttributes.On(initial.Attributes, k % 3 == 1 ? 80 + (int)(Unit(position, k) * 100) : 255, 2700);
                    break;
                case SeriesKind.Toggle:
                    state = k % 2 == 0 ? "on" : "off";
                    break;
                default:
                    state = initial.State;
                    break;
            }

            if (!string.Equals(state, previousText, StringComparison.Ordinal))
            {
                lastChanged = at;
            }

            previousText = state;
            yield return new HaState(initial.EntityId, state, attributes, lastChanged, at, at, initial.Context);
        }
    }

    private static SeriesKind KindOf(HaState state)
    {
        if (state.EntityId.StartsWith("light.", StringComparison.Ordinal))
        {
            return SeriesKind.Light;
        }

        if (state.State is "on" or "off" && (state.EntityId.StartsWith("switch.", StringComparison.Ordinal) || state.EntityId.StartsWith("binary_sensor.", StringComparison.Ordinal)))
        {
            return SeriesKind.Toggle;
        }

        if (state.EntityId.StartsWith("sensor.", StringComparison.Ordinal) && double.TryParse(state.State, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            return state.Attributes.TryGetValue("state_class", out var c) && c is "total_increasing" or "total" ? SeriesKind.Meter : SeriesKind.Number;
        }

        return SeriesKind.Fixed;
    }

    private static int Digits(string state)
    {
        var dot = state.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? 0 : state.Length - dot - 1;
    }

    private static string Format(double value, int digits) =>
        Math.Round(value, digits, MidpointRounding.AwayFromZero).ToString("F" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>A uniform number in [0, 1) from the seed, the entity and the sample (SplitMix64), independent of any other draw.</summary>
    private double Unit(int position, long sample)
    {
        var x = unchecked((ulong)_seed * 0x9E3779B97F4A7C15UL + ((ulong)position << 32) + (ulong)sample);
        x = unchecked((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL);
        x = unchecked((x ^ (x >> 27)) * 0x94D049BB133111EBUL);
        x ^= x >> 31;
        return (x >> 11) * (1.0 / (1UL << 53));
    }

    private enum SeriesKind
    {
        Fixed,
        Number,
        Meter,
        Toggle,
        Light,
    }
}
