using HaIngestor.Core.DeadLetters;
using HaIngestor.Core.Pipeline;
using HaIngestor.Core.Serialization;
using HaIngestor.Core.Sinks;

namespace HaIngestor.Core.Processing;

public sealed partial class IngestBatchProcessor
{
    private async Task<BatchOutcome> WriteAsync(
        IReadOnlyList<ReadOnlyMemory<byte>> eventMessages,
        BatchContext context,
        LineProtocolWriter writer,
        BatchState state,
        CancellationToken cancellationToken)
    {
        var count = eventMessages.Count;
        var lineCount = writer.LineCount;
        var invalidLetters = state.Letters.Count;
        SinkWriteResult result = SinkWriteResult.Success;
        if (lineCount > 0)
        {
            var started = _timeProvider.GetTimestamp();
            try
            {
                result = await _sink.WriteAsync(writer.WrittenMemory, lineCount, cancellationToken).ConfigureAwait(false);
                _metrics.WriteCompleted(_sink.Name, _timeProvider.GetElapsedTime(started), succeeded: true);
            }
            catch (SinkUnavailableException ex)
            {
                _metrics.WriteCompleted(_sink.Name, _timeProvider.GetElapsedTime(started), succeeded: false);
                return await HandleSinkUnavailableAsync(eventMessages, context, state, ex, cancellationToken).ConfigureAwait(false);
            }
        }

        var sinkRejected = 0;
        var rejectedLines = 0;
        if (result.RejectedLines.Count > 0)
        {
            var seen = new HashSet<int>();
            foreach (var line in result.RejectedLines)
            {
                if ((uint)line >= (uint)lineCount)
                {
                    continue;
                }

                rejectedLines++;
                var owner = FindOwner(state.FirstLine, count, line);
                if (seen.Add(owner))
                {
                    state.Outcomes[owner] = ProcessOutcome.Rejected;
                    state.AddLetter(CreateLetter(eventMessages[owner], DeadLetterReasons.SinkRejected, result.Reason, context), state.Quality[owner]);
                    sinkRejected++;
                }
            }
        }

        var writtenEvents = 0;
        for (var i = 0; i < count; i++)
        {
            if (state.Outcomes[i] == ProcessOutcome.Written)
            {
                writtenEvents++;
            }
        }

        await DeadLetterAsync(state, context, invalidLetters, sinkRejected, result.Reason, 0, cancellationToken).ConfigureAwait(false);
        _metrics.EventsProcessed(writtenEvents);
        _metrics.EventsSkipped(state.Skipped);
        return new BatchOutcome(
            count,
            lineCount - rejectedLines,
            writtenEvents,
            state.Skipped,
            state.Rejected,
            sinkRejected,
            state.Letters.Count,
            Array.Empty<ReadOnlyMemory<byte>>(),
            null);
    }

    private async Task<BatchOutcome> HandleSinkUnavailableAsync(
        IReadOnlyList<ReadOnlyMemory<byte>> eventMessages,
        BatchContext context,
        BatchState state,
        SinkUnavailableException exception,
        CancellationToken cancellationToken)
    {
        var count = eventMessages.Count;
        var unwritten = new List<ReadOnlyMemory<byte>>();
        var unwrittenQuality = new List<Quality.DomainCounts?>();
        for (var i = 0; i < count; i++)
        {
            if (state.Outcomes[i] == ProcessOutcome.Written)
            {
                unwritten.Add(eventMessages[i]);
                unwrittenQuality.Add(state.Quality[i]);
            }
        }

        if (!context.DeadLettersSinkFailures)
        {
            Log.SinkUnavailableDeferred(_logger, _sink.Name, context.Source, unwritten.Count, context.Attempt, exception.Message);
            if (!context.ReturnUnwrittenOnSinkFailure)
            {
                // The caller retries the whole batch, so invalid events are dead-lettered then, exactly once.
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(exception);
            }

            await DeadLetterAsync(state, context, state.Letters.Count, 0, null, 0, cancellationToken).ConfigureAwait(false);
            _metrics.EventsSkipped(state.Skipped);
            return new BatchOutcome(count, 0, 0, state.Skipped, state.Rejected, 0, state.Letters.Count, unwritten, exception.Message);
        }

        Log.SinkUnavailableDeadLettering(_logger, _sink.Name, context.Source, unwritten.Count, context.Attempt, exception.Message);
        _outage?.AddDeadLettered(unwritten.Count);
        var invalid = state.Letters.Count;
        for (var i = 0; i < unwritten.Count; i++)
        {
            state.AddLetter(CreateLetter(unwritten[i], DeadLetterReasons.SinkUnavailable, exception.Message, context), unwrittenQuality[i]);
        }

        await DeadLetterAsync(state, context, invalid, 0, null, unwritten.Count, cancellationToken).ConfigureAwait(false);
        _metrics.EventsSkipped(state.Skipped);
        return new BatchOutcome(count, 0, 0, state.Skipped, state.Rejected, 0, state.Letters.Count, Array.Empty<ReadOnlyMemory<byte>>(), exception.Message);
    }

    private async Task DeadLetterAsync(
        BatchState state,
        BatchContext context,
        int invalid,
        int sinkRejected,
        string? sinkReason,
        int sinkUnavailable,
        CancellationToken cancellationToken)
    {
        var letters = state.Letters;
        if (letters.Count == 0)
        {
            return;
        }

        try
        {
            await _deadLetters.AddAsync(letters, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Nothing can keep these events now: the caller must see the failure (and retry, or fail loudly).
            Log.DeadLetterStoreFailed(_logger, ex, letters.Count, context.Source);
            throw;
        }

        if (invalid > 0 || sinkRejected > 0 || _outage is null)
        {
            // Letters only for an unavailable sink are counted in the outage's episode instead: one line per outage.
            Log.BatchDeadLettered(_logger, letters.Count, context.Source, invalid, sinkRejected, sinkReason, sinkUnavailable);
        }
        foreach (var group in letters.GroupBy(l => l.Reason, StringComparer.Ordinal))
        {
            _metrics.EventsDeadLettered(group.Count(), group.Key);
        }

        if (_pipeline.Quality is { } quality)
        {
            // Under the home and domain the pipeline's read found; a message it could not read counts as unknown.
            for (var i = 0; i < letters.Count; i++)
            {
                if (state.LetterQuality[i] is { } counts)
                {
                    counts.CountDeadLettered(letters[i].Reason);
                }
                else
                {
                    quality.CountDeadLetteredUnread(letters[i].Reason);
                }
            }
        }
    }

    /// <summary>The message whose lines include <paramref name="line"/>: the last one starting at or before it.</summary>
    private static int FindOwner(int[] firstLine, int count, int line)
    {
        int low = 0, high = count - 1;
        while (low < high)
        {
            var mid = (low + high + 1) >>> 1;
            if (firstLine[mid] <= line)
            {
                low = mid;
            }
            else
            {
                high = mid - 1;
            }
        }

        return low;
    }
}
