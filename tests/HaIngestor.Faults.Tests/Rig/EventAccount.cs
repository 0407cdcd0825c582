using System.Globalization;
using System.Text;

namespace HaIngestor.Faults.Tests.Rig;

/// <summary>
/// The exact account of one scenario, event by event (entity + timestamp in µs, the point's identity):
/// <list type="bullet">
/// <item><b>sent</b>: state_changed events the simulator wrote to the connector's socket;</item>
/// <item><b>stored</b>: sent events whose point is in InfluxDB;</item>
/// <item><b>dead-lettered</b>: sent events not stored but in the dead-letter store, each with a reason;</item>
/// <item><b>skipped</b>: sent events the connector deliberately did not write and counted (restart re-announcements of
/// an unchanged state, <c>haingestor_connector_ha_restart_duplicates_total</c>);</item>
/// <item><b>dropped (counted)</b>: sent events the connector dropped, counted and logged (the journal's oldest segment
/// dropped at <c>Journal:MaxBytes</c>, or an event that could not be journaled:
/// <c>haingestor_connector_events_dropped_total</c>);</item>
/// <item><b>in flight at a disconnection</b>: sent on a connection that broke before the connector read it (Home
/// Assistant never delivered it), covered by a catch-up point of the same entity at the same or a later time;</item>
/// <item><b>lost</b>: everything else sent.</item>
/// </list>
/// Separately, <b>never sent</b>: fired while no connection was subscribed (Home Assistant replays nothing), of
/// which <b>covered by catch-up</b> were stored as the entity's latest state after the reconnect.
/// </summary>
internal sealed record EventAccount(
    long Sent,
    long Stored,
    long DeadLettered,
    long Skipped,
    long Dropped,
    long InFlightCovered,
    long Lost,
    long NeverSent,
    long NeverSentCovered,
    long Phantom,
    IReadOnlyList<string> Reasons,
    IReadOnlyList<string> LostSamples)
{
    /// <summary>The counts, compared by value (the record's lists compare by reference).</summary>
    public (long, long, long, long, long, long, long, long, long) Totals => (Sent, Stored, DeadLettered, Skipped, Dropped, InFlightCovered, Lost, NeverSent, Phantom);

    /// <summary>Every sent event is in exactly one category.</summary>
    public bool Balances => Sent == Stored + DeadLettered + Skipped + Dropped + InFlightCovered + Lost;

    public static EventAccount Compute(
        IReadOnlyDictionary<string, (HashSet<long> Fired, List<long> Sent)> simulator,
        IReadOnlyDictionary<string, StoredSeries> stored,
        IReadOnlyDictionary<string, HashSet<long>> deadLetters,
        IReadOnlyList<string> reasons,
        long skippedByConnector,
        long droppedByConnector = 0)
    {
        long sent = 0, storedCount = 0, dead = 0, inFlight = 0, neverSent = 0, neverSentCovered = 0, phantom = 0;
        var missing = new List<(string Entity, long Micros)>();
        foreach (var (entity, (fired, sentList)) in simulator)
        {
            var points = stored.GetValueOrDefault(entity) ?? StoredSeries.Empty;
            var letters = deadLetters.GetValueOrDefault(entity) ?? [];
            var sentSet = sentList.ToHashSet();
            foreach (var micros in sentSet)
            {
                sent++;
                if (points.Times.Contains(micros))
                {
                    storedCount++;
                }
                else if (letters.Contains(micros))
                {
                    dead++;
                }
                else
                {
                    missing.Add((entity, micros));
                }
            }

            foreach (var micros in fired)
            {
                if (!sentSet.Contains(micros))
                {
                    neverSent++;
                    neverSentCovered += points.CatchUpTimes.Contains(micros) ? 1 : 0;
                }
            }

            phantom += points.Times.Count(t => !fired.Contains(t));
        }

        // What the connector skipped and counted is taken first; a missing event that a catch-up point of its entity
        // covers (same or later time) was in flight when the connection broke.
        var skipped = Math.Min(skippedByConnector, missing.Count);
        var rest = missing.OrderBy(m => m.Micros).ToList();
        var lost = new List<(string Entity, long Micros)>();
        foreach (var (entity, micros) in rest)
        {
            var catchUp = stored.GetValueOrDefault(entity)?.CatchUpTimes ?? [];
            if (catchUp.Any(t => t >= micros))
            {
                inFlight++;
            }
            else
            {
                lost.Add((entity, micros));
            }
        }

        // Skips are re-announcements, which no catch-up covers: they come out of what is otherwise lost.
        // Counted drops come out of the rest the same way: the account checks that what is missing is no more than
        // what the connector says it dropped.
        var skippedFromLost = (int)Math.Min(skipped, lost.Count);
        var droppedFromLost = (int)Math.Min(droppedByConnector, lost.Count - skippedFromLost);
        var lostCount = lost.Count - skippedFromLost - droppedFromLost;
        return new EventAccount(
            sent, storedCount, dead, skippedFromLost, droppedFromLost, inFlight, lostCount, neverSent, neverSentCovered, phantom, reasons,
            [.. lost.Skip(skippedFromLost + droppedFromLost).Take(5).Select(l => $"{l.Entity}@{DateTimeOffset.FromUnixTimeMilliseconds(l.Micros / 1000):O}")]);
    }

    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"sent {Sent} = stored {Stored} + dead-lettered {DeadLettered} + skipped {Skipped} + dropped (counted) {Dropped} + in flight at a disconnection {InFlightCovered} + lost {Lost}");
        text.Append(CultureInfo.InvariantCulture, $"; never sent {NeverSent} (covered by catch-up {NeverSentCovered}); phantom points {Phantom}");
        if (Reasons.Count > 0)
        {
            text.Append("; reasons ").Append(string.Join(", ", Reasons));
        }

        if (LostSamples.Count > 0)
        {
            text.Append("; lost e.g. ").Append(string.Join(", ", LostSamples));
        }

        return text.ToString();
    }
}

/// <summary>The point timestamps (µs) of one entity in InfluxDB, and those written by catch-up.</summary>
internal sealed record StoredSeries(HashSet<long> Times, HashSet<long> CatchUpTimes, int DuplicateRows)
{
    public static StoredSeries Empty { get; } = new([], [], 0);
}
