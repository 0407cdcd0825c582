namespace HaIngestor.Faults.Tests.Rig;

/// <summary>The account's rules on hand-made logs: what a cut connection never delivered is credited, nothing else.</summary>
public sealed class EventAccountTests
{
    [Fact]
    public void Compute_UnreadFramesOfACutConnectionSupersededByLiveEvents_NotDeliveredAndNothingLost()
    {
        // x@20 and y@25 were on the wire when the simulator cut the link; after the reconnect x's next live event made
        // catch-up skip x, and catch-up wrote y's newer state.
        var log = Log(
            Connection(1, "server", ["x", 10], ["x", 20], ["y", 25]),
            Connection(2, "open", ["x", 30]));
        var stored = Stored(("x", 10, false), ("x", 30, false), ("y", 40, true));

        var account = EventAccount.Compute(log, stored, NoLetters, [], skippedByConnector: 0);

        Assert.Equal((4L, 2L, 2L, 0L), (account.Sent, account.Stored, account.NotDelivered, account.Lost));
        Assert.True(account.Balances, account.ToString());
    }

    [Fact]
    public void Compute_MissingEventBeforeTheLastFrameRead_Lost()
    {
        var log = Log(Connection(1, "server", ["x", 10], ["y", 15], ["x", 20]), Connection(2, "open", ["y", 30]));
        var stored = Stored(("x", 10, false), ("x", 20, false), ("y", 30, false));

        var account = EventAccount.Compute(log, stored, NoLetters, [], skippedByConnector: 0);

        Assert.Equal((0L, 1L), (account.NotDelivered, account.Lost));
    }

    [Fact]
    public void Compute_ConnectionOpenWhenTheConnectorWasKilled_NoCredit()
    {
        // A killed connector read x@20 and lost it from memory; catch-up after its restart does not make that HA's doing.
        var log = Log(Connection(1, "client", ["x", 10], ["x", 20]));
        var stored = Stored(("x", 10, false), ("x", 30, true));

        var killed = EventAccount.Compute(log, stored, NoLetters, [], skippedByConnector: 0, killedConnections: new HashSet<long> { 1 });
        var closed = EventAccount.Compute(log, stored, NoLetters, [], skippedByConnector: 0);

        Assert.Equal((0L, 1L), (killed.NotDelivered, killed.Lost));
        Assert.Equal((1L, 0L), (closed.NotDelivered, closed.Lost));
    }

    [Fact]
    public void Compute_ConnectionStillOpen_NoCredit()
    {
        var log = Log(Connection(1, "open", ["x", 10], ["x", 20], ["x", 30]));
        var stored = Stored(("x", 10, false), ("x", 30, true));

        var account = EventAccount.Compute(log, stored, NoLetters, [], skippedByConnector: 0);

        Assert.Equal((0L, 1L), (account.NotDelivered, account.Lost));
    }

    [Fact]
    public void Compute_UnreadEventWhoseEntityWasNeverWrittenAgain_Lost()
    {
        var log = Log(Connection(1, "server", ["x", 10], ["y", 20]), Connection(2, "open", ["x", 30]));
        var stored = Stored(("x", 10, false), ("x", 30, false));

        var account = EventAccount.Compute(log, stored, NoLetters, [], skippedByConnector: 0);

        Assert.Equal((0L, 1L), (account.NotDelivered, account.Lost));
    }

    [Fact]
    public void Compute_CatchUpPointOfAnUnreadFrame_DoesNotMarkTheFrameRead()
    {
        // Catch-up wrote x@20's state (the same point): y@15, sent before it, still never arrived.
        var log = Log(Connection(1, "server", ["x", 10], ["y", 15], ["x", 20]), Connection(2, "open", ["y", 30]));
        var stored = Stored(("x", 10, false), ("x", 20, true), ("y", 30, false));

        var account = EventAccount.Compute(log, stored, NoLetters, [], skippedByConnector: 0);

        Assert.Equal((4L, 3L, 1L, 0L), (account.Sent, account.Stored, account.NotDelivered, account.Lost));
    }

    private static readonly Dictionary<string, HashSet<long>> NoLetters = [];

    private static SentConnection Connection(long id, string ended, params object[][] frames) =>
        new(id, ended, [.. frames.Select(f => (IReadOnlyList<(string, long)>)[((string)f[0], Convert.ToInt64(f[1], System.Globalization.CultureInfo.InvariantCulture))])]);

    /// <summary>The log of these connections; every stored catch-up time not sent anywhere counts as fired (never sent).</summary>
    private static SimulatorLog Log(params SentConnection[] connections)
    {
        var entities = new Dictionary<string, (HashSet<long> Fired, List<long> Sent)>(StringComparer.Ordinal);
        foreach (var (entity, micros) in connections.SelectMany(c => c.Frames).SelectMany(f => f))
        {
            if (!entities.TryGetValue(entity, out var lists))
            {
                lists = ([], []);
                entities[entity] = lists;
            }

            lists.Fired.Add(micros);
            lists.Sent.Add(micros);
        }

        entities.TryAdd("y", ([], []));
        entities["y"].Fired.Add(40);
        return new SimulatorLog(entities, connections);
    }

    private static Dictionary<string, StoredSeries> Stored(params (string Entity, long Micros, bool CatchUp)[] points) =>
        points.GroupBy(p => p.Entity).ToDictionary(
            g => g.Key,
            g => new StoredSeries([.. g.Select(p => p.Micros)], [.. g.Where(p => p.CatchUp).Select(p => p.Micros)], 0),
            StringComparer.Ordinal);
}
