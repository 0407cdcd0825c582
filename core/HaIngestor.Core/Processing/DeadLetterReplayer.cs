using HaIngestor.Core.DeadLetters;
using HaIngestor.Core.Sinks;
using Microsoft.Extensions.Logging;

namespace HaIngestor.Core.Processing;

/// <summary>
/// Feeds dead letters back through the <see cref="IngestBatchProcessor"/> once their cause is fixed, and removes each
/// segment once every letter in it is written or dead-lettered again (e.g. still invalid). Replaying twice is
/// harmless: writes are idempotent.
/// </summary>
public sealed class DeadLetterReplayer
{
    /// <summary>
    /// Letters processed per batch. Large enough that a segment (one batch's letters) is replayed in one go, so a sink
    /// failure midway never dead-letters a segment's invalid letters twice.
    /// </summary>
    public const int BatchSize = 10_000;

    private readonly IReplayableDeadLetterStore _store;
    private readonly IngestBatchProcessor _processor;
    private readonly ILogger _logger;

    /// <summary>Creates a replayer over <paramref name="store"/>.</summary>
    public DeadLetterReplayer(IReplayableDeadLetterStore store, IngestBatchProcessor processor, ILogger<DeadLetterReplayer> logger)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(processor);
        ArgumentNullException.ThrowIfNull(logger);
        _store = store;
        _processor = processor;
        _logger = logger;
    }

    /// <summary>
    /// Replays every stored segment, oldest first. Stops at the first segment the sink cannot take (it stays in the
    /// store, as do all later ones) and reports it in <see cref="ReplayResult.StoppedBy"/>.
    /// </summary>
    public async Task<ReplayResult> ReplayAsync(string source, CancellationToken cancellationToken)
    {
        var segments = 0;
        var letters = 0;
        var written = 0;
        var deadLettered = 0;
        await foreach (var segment in _store.ReadSegmentsAsync(cancellationToken).ConfigureAwait(false))
        {
            var segmentWritten = 0;
            var segmentDeadLettered = 0;
            try
            {
                foreach (var chunk in segment.Letters.Chunk(BatchSize))
                {
                    var messages = chunk.Select(l => (ReadOnlyMemory<byte>)System.Text.Encoding.UTF8.GetBytes(l.Message)).ToArray();
                    var context = new BatchContext(source)
                    {
                        Attempt = chunk.Max(l => l.Attempts) + 1,
                        FirstSeenAt = chunk.Min(l => l.FirstSeenAt ?? l.FailedAt),
                    };
                    var outcome = await _processor.ProcessAsync(messages, context, cancellationToken).ConfigureAwait(false);
                    segmentWritten += outcome.WrittenEvents;
                    segmentDeadLettered += outcome.DeadLettered;
                }
            }
            catch (SinkUnavailableException ex)
            {
                Log.ReplayStopped(_logger, segment.Id, ex.Message);
                return new ReplayResult(segments, letters, written, deadLettered, ex.Message);
            }

            await _store.DeleteSegmentAsync(segment.Id, cancellationToken).ConfigureAwait(false);
            Log.SegmentReplayed(_logger, segment.Id, segment.Letters.Count, segmentWritten, segmentDeadLettered);
            segments++;
            letters += segment.Letters.Count;
            written += segmentWritten;
            deadLettered += segmentDeadLettered;
        }

        return new ReplayResult(segments, letters, written, deadLettered, null);
    }
}
