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
/// <item><b>not delivered (disconnected)</b>: sent on a connection that ended (Home Assistant cut it off, dropped it,
/// restarted or revoked the token; or the connector gave up on a dead link or stopped) in a frame after the last one
/// the connector read, so it never reached the connector and Home Assistant never sends it again; credited only when
/// the entity's state was written afterwards (a stored point of the entity at the same or a later time: the catch-up
/// snapshot, or a later live event that made catch-up skip the entity), and never for a connection that was open
/// when the connector was killed (what a killed process read and held in memory is its loss, not Home Assistant's);</item>
/// <item><b>lost</b>: everything else sent.</item>
/// </list>
/// The frames the connector read are known exactly: it reads a connection in order, so every frame up to the last one
/// with an event stored live or dead-lettered reached it. A catch-up point does not count as read (catch-up writes the
/// snapshot of an entity whose event did not arrive). Separately, <b>never sent</b>: fired while no connection was
/// subscribed, or still queued when a connection was ended (Home Assistant replays nothing), of which <b>covered by
/// catch-up</b> were stored as the entity's latest state after the reconnect.
/// </summary>
internal sealed record EventAccount(
    long Sent,
    long Stored,
    long DeadLettered,
    long Skipped,
    long Dropped,
    long NotDelivered,
    long Lost,
    long NeverSent,
    long NeverSentCovered,
    long Phantom,
    IReadOnlyList<string> Reasons,
    IReadOnlyList<string> LostSamples)
{
    /// <summary>The counts, compared by value (the record's lists compare by reference).</summary>
    public (long, long, long, long, long, long, long, long, long) Totals => (Sent, Stored, DeadLettered, Skipped, Dropped, NotDelivered, Lost, NeverSent, Phantom);

    /// <summary>Every sent event is in exactly one category.</summary>
    public bool Balances => Sent == Stored + DeadLettered + Skipped + Dropped + NotDelivered + Lost;

    public static EventAccount Compute(
        SimulatorLog simulator,
        IReadOnlyDictionary<string, StoredSeries> stored,
        IReadOnlyDictionary<string, HashSet<long>> deadLetters,
        IReadOnlyList<string> reasons,
        long skippedByConnector,
        long droppedByConnector = 0,
        IReadOnlySet<long>? killedConnections = null)
    {
        long sent = 0, storedCount = 0, dead = 0, neverSent = 0, neverSentCovered = 0, phantom = 0;
        var missing = new List<(string Entity, long Micros)>();
        foreach (var (entity, (fired, sentList)) in simulator.Entities)
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

        var undelivered = Undelivered(simulator.Connections.Where(c => c.Ended != "open" && killedConnections?.Contains(c.Id) != true), stored, deadLetters);
        var latest = stored.ToDictionary(s => s.Key, s => s.Value.Times.Count == 0 ? long.MinValue : s.Value.Times.Max(), StringComparer.Ordinal);
        var notDelivered = 0L;
        var lost = new List<(string Entity, long Micros)>();
        foreach (var (entity, micros) in missing.OrderBy(m => m.Micros))
        {
            if (undelivered.Contains((entity, micros)) && latest.GetValueOrDefault(entity, long.MinValue) >= micros)
            {
                notDelivered++;
            }
            else
            {
                lost.Add((entity, micros));
            }
        }

        // What the connector skipped and counted (re-announcements), and what it dropped and counted, comes out of
        // what is otherwise lost: the account checks that what is missing is no more than what the connector says.
        var skippedFromLost = (int)Math.Min(skippedByConnector, lost.Count);
        var droppedFromLost = (int)Math.Min(droppedByConnector, lost.Count - skippedFromLost);
        var lostCount = lost.Count - skippedFromLost - droppedFromLost;
        return new EventAccount(
            sent, storedCount, dead, skippedFromLost, droppedFromLost, notDelivered, lostCount, neverSent, neverSentCovered, phantom, reasons,
            [.. lost.Skip(skippedFromLost + droppedFromLost).Take(5).Select(l => Describe(l, simulator, stored, deadLetters))]);
    }

    /// <summary>
    /// The events sent on these ended connections in frames after the last one the connector read (the last with an
    /// event stored live or dead-lettered): they never reached it.
    /// </summary>
    private static HashSet<(string Entity, long Micros)> Undelivered(
        IEnumerable<SentConnection> connections,
        IReadOnlyDictionary<string, StoredSeries> stored,
        IReadOnlyDictionary<string, HashSet<long>> deadLetters)
    {
        var undelivered = new HashSet<(string, long)>();
        foreach (var connection in connections)
        {
            foreach (var frame in connection.Frames.Skip(LastReadFrame(connection, stored, deadLetters) + 1))
            {
                undelivered.UnionWith(frame);
            }
        }

        return undelivered;
    }

    /// <summary>The index of the last frame of <paramref name="connection"/> with an event stored live or dead-lettered; -1 when none.</summary>
    private static int LastReadFrame(
        SentConnection connection,
        IReadOnlyDictionary<string, StoredSeries> stored,
        IReadOnlyDictionary<string, HashSet<long>> deadLetters)
    {
        for (var i = connection.Frames.Count - 1; i >= 0; i--)
        {
            if (connection.Frames[i].Any(e => Read(e.Entity, e.Micros)))
            {
                return i;
            }
        }

        return -1;

        bool Read(string entity, long micros) =>
            (stored.GetValueOrDefault(entity) is { } points && points.Times.Contains(micros) && !points.CatchUpTimes.Contains(micros))
            || (deadLetters.GetValueOrDefault(entity)?.Contains(micros) ?? false);
    }

    /// <summary>
    /// A lost event with where it was sent: its connection, its frame against the last frame the connector read, and
    /// the entity's newest stored point, so a failure message tells a connector loss from an undelivered tail.
    /// </summary>
    private static string Describe(
        (string Entity, long Micros) lost,
        SimulatorLog simulator,
        IReadOnlyDictionary<string, StoredSeries> stored,
        IReadOnlyDictionary<string, HashSet<long>> deadLetters)
    {
        var at = DateTimeOffset.UnixEpoch.AddTicks(lost.Micros * 10).ToString("HH:mm:ss.ffffff", CultureInfo.InvariantCulture);
        var points = stored.GetValueOrDefault(lost.Entity) ?? StoredSeries.Empty;
        var newest = points.Times.Count == 0 ? "none" : DateTimeOffset.UnixEpoch.AddTicks(points.Times.Max() * 10).ToString("HH:mm:ss.ffffff", CultureInfo.InvariantCulture);
        foreach (var connection in simulator.Connections)
        {
            for (var i = 0; i < connection.Frames.Count; i++)
            {
                if (connection.Frames[i].Contains(lost))
                {
                    var lastRead = LastReadFrame(connection, stored, deadLetters);
                    return string.Create(CultureInfo.InvariantCulture, $"{lost.Entity}@{at} (connection {connection.Id} ended {connection.Ended}, frame {i} of {connection.Frames.Count}, last read {lastRead}, {connection.Frames[i].Count} events in it; entity's newest point {newest})");
                }
            }
        }

        return string.Create(CultureInfo.InvariantCulture, $"{lost.Entity}@{at} (in no frame; entity's newest point {newest})");
    }

    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"sent {Sent} = stored {Stored} + dead-lettered {DeadLettered} + skipped {Skipped} + dropped (counted) {Dropped} + not delivered (disconnected) {NotDelivered} + lost {Lost}");
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
