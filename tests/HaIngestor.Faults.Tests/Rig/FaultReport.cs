using System.Globalization;
using System.Text.Json;
using HaIngestor.TestUtilities;

namespace HaIngestor.Faults.Tests.Rig;

/// <summary>
/// One row of the account table in docs/RELIABILITY.md, written as JSON to <c>$HAI_TEST_OUTPUT/faults/</c>;
/// <c>bench/reliability.sh</c> collects the rows and rewrites the table.
/// </summary>
internal static class FaultReport
{
    public static void Write(string order, string scenario, EventAccount account, TimeSpan? recovery, double peakRssMiB, string note = "")
    {
        var folder = Path.Combine(HeadlessChromium.OutputFolder, "faults");
        Directory.CreateDirectory(folder);
        var row = new Dictionary<string, object?>
        {
            ["order"] = order,
            ["scenario"] = scenario,
            ["sent"] = account.Sent,
            ["stored"] = account.Stored,
            ["dead_lettered"] = account.DeadLettered,
            ["skipped"] = account.Skipped,
            ["dropped"] = account.Dropped,
            ["not_delivered"] = account.NotDelivered,
            ["lost"] = account.Lost,
            ["never_sent"] = account.NeverSent,
            ["never_sent_covered"] = account.NeverSentCovered,
            ["reasons"] = account.Reasons,
            ["recovery_seconds"] = recovery is { } r ? Math.Round(r.TotalSeconds, 1) : null,
            ["peak_rss_mib"] = Math.Round(peakRssMiB, 0),
            ["note"] = note,
        };
        File.WriteAllText(Path.Combine(folder, order + ".json"), JsonSerializer.Serialize(row), new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }

    public static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
}
