using System.Globalization;

namespace HaIngestor.Connector.Backfill;

/// <summary>The lines shown while and after a backfill runs.</summary>
internal static class BackfillSummary
{
    public static string Progress(BackfillSnapshot s) => string.Create(
        CultureInfo.InvariantCulture,
        $"{s.DoneRequests:N0}/{s.TotalRequests:N0} requests, {s.Entities:N0} entities, done up to {Time(s.DoneUntil)} of {Time(s.Start)} to {Time(s.End)}, " +
        $"{s.Events:N0} events ({s.EventsPerSecond:N0}/s){(s.StatisticPoints > 0 ? $", {s.StatisticPoints:N0} statistics" : string.Empty)}, ETA {Duration(s.Eta)}");

    public static IReadOnlyList<string> Lines(BackfillSnapshot s, string? stoppedBy, string sink, string checkpointFile)
    {
        var lines = new List<string>
        {
            stoppedBy is null ? "Backfill complete." : "Backfill stopped: " + stoppedBy,
            string.Create(CultureInfo.InvariantCulture, $"  Range:        {Time(s.Start)} to {Time(s.End)} (UTC), done up to {Time(s.DoneUntil)}"),
            string.Create(CultureInfo.InvariantCulture, $"  Entities:     {s.Entities:N0}{(s.Statistics > 0 ? $", {s.Statistics:N0} with statistics" : string.Empty)}"),
            string.Create(CultureInfo.InvariantCulture, $"  Requests:     {s.DoneRequests - s.FailedRequests:N0} of {s.TotalRequests:N0} answered, {s.FailedRequests:N0} refused{(s.AlreadyDone > 0 ? $", {s.AlreadyDone:N0} entity ranges already done before" : string.Empty)}"),
            string.Create(CultureInfo.InvariantCulture, $"  Events:       {s.Events:N0} states written through the pipeline to {sink}"),
        };
        if (s.StatisticPoints > 0 || s.Statistics > 0)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"  Statistics:   {s.StatisticPoints:N0} hourly points for home_assistant_statistics through the pipeline to {sink}"));
        }

        if (s.Malformed > 0)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"  Unreadable:   {s.Malformed:N0} entries of the answers skipped"));
        }

        // A run that had only statistics left to read says how fast those went, not "0 events/s".
        var rate = s.Events == 0 && s.StatisticPoints > 0 && s.Elapsed.TotalSeconds > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{s.StatisticPoints / s.Elapsed.TotalSeconds:N0} statistics points/s")
            : string.Create(CultureInfo.InvariantCulture, $"{s.EventsPerSecond:N0} events/s");
        lines.Add(string.Create(CultureInfo.InvariantCulture, $"  Time:         {Duration(s.Elapsed)} ({rate})"));
        lines.Add("  Checkpoint:   " + checkpointFile);
        if (stoppedBy is not null || s.FailedRequests > 0)
        {
            lines.Add("  Run the same command again to continue: what is checkpointed is not read again.");
        }

        return lines;
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static string Duration(TimeSpan? duration) => duration is not { } d
        ? "-"
        : d.TotalHours >= 1
            ? d.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture)
            : d.ToString(@"m\:ss\.f", CultureInfo.InvariantCulture);
}
