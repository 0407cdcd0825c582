namespace HaIngestor.Connector.Backfill;

/// <summary>
/// Cuts a range into windows of <see cref="BackfillOptions.RequestSpan"/>, oldest first, and each window into requests
/// of at most <see cref="BackfillOptions.EntitiesPerRequest"/> ids, leaving out what the checkpoint already covers.
/// </summary>
internal static class BackfillPlan
{
    public static IReadOnlyList<BackfillRequest> Build(
        BackfillKind kind, IReadOnlyList<string> ids, DateTimeOffset start, DateTimeOffset end, BackfillOptions options, BackfillCheckpoint checkpoint)
    {
        var requests = new List<BackfillRequest>();
        var window = 0;
        for (var windowStart = start; windowStart < end; windowStart += options.RequestSpan, window++)
        {
            var windowEnd = windowStart + options.RequestSpan < end ? windowStart + options.RequestSpan : end;

            // Entities with the same missing part of this window share requests (after an interrupted run most do).
            var groups = ids
                .SelectMany(id => checkpoint.Missing(kind, id, windowStart, windowEnd).Select(part => (Id: id, Part: part)))
                .GroupBy(p => p.Part)
                .OrderBy(g => g.Key.Start);
            foreach (var group in groups)
            {
                foreach (var chunk in group.Select(p => p.Id).Chunk(options.EntitiesPerRequest))
                {
                    requests.Add(new BackfillRequest(kind, chunk, group.Key.Start, group.Key.End, window));
                }
            }
        }

        return requests;
    }
}
