using HaIngestor.Faults.Tests.Rig;

namespace HaIngestor.Faults.Tests;

/// <summary>
/// Each scenario breaks the running system in one way under load (the simulator at 80 events/s, times
/// <see cref="FaultRig.Scale"/>) and ends with the exact account of every event sent (see <see cref="EventAccount"/>).
/// Durations are recorded in the report (docs/RELIABILITY.md), never asserted.
/// </summary>
public sealed partial class FaultScenarioTests
{
    private static TimeSpan Load => FaultRig.Load;

    private static double Rate => 80 * FaultRig.Scale;

    private static void AssertNothingLost(EventAccount account)
    {
        Assert.True(account.Sent > 100, $"Too little load to account for: {account}");
        Assert.True(account.Balances, account.ToString());
        Assert.True(account.Lost == 0, account.ToString());
        Assert.True(account.Phantom == 0, $"Points for events the simulator never fired: {account}");
    }

    private static double Metric(Dictionary<string, double> metrics, string name) =>
        metrics.GetValueOrDefault("haingestor_connector_" + name);
}
