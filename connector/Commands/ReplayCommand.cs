using System.CommandLine;
using HaIngestor.Connector.Configuration;
using HaIngestor.Connector.Transports.Direct;
using HaIngestor.Core.Parsing;
using HaIngestor.Core.Processing;
using HaIngestor.Core.Sinks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HaIngestor.Connector.Commands;

/// <summary><c>replay</c>: recorded Home Assistant messages, or the dead-letter store, through the direct pipeline.</summary>
internal static class ReplayCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo?>("file") { Description = "A .jsonl file: one Home Assistant WebSocket message (or coalesced array) per line.", Arity = ArgumentArity.ZeroOrOne };
        var deadLetters = new Option<bool>("--dead-letters") { Description = "Replay the dead-letter store (Direct:DataPath/dead-letters) instead, once the cause is fixed." };
        var output = new Option<string?>("--out", "-o") { Description = "Data folder (Direct:DataPath); default from configuration, else ./data." };
        var command = new Command(
            "replay",
            "Ingest recorded events through the same pipeline and sink settings as 'run' in direct mode (Direct__Sink=Files|InfluxDb, InfluxDb__*, Pipeline__*).")
        {
            file, deadLetters, output,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(file) is null == !result.GetValue(deadLetters))
            {
                result.AddError("Give either a file or --dead-letters.");
            }
        });
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var cancellation = new ConsoleCancellation(cancellationToken);
            var overrides = new Dictionary<string, string?>();
            if (parse.GetValue(output) is { } folder)
            {
                overrides["Direct:DataPath"] = folder;
            }

            return await RunAsync(parse.GetValue(file)?.FullName, parse.GetValue(deadLetters), overrides, Console.Out, Console.Error, cancellation.Token).ConfigureAwait(false);
        });
        return command;
    }

    public static async Task<int> RunAsync(
        string? file, bool deadLetters, IReadOnlyDictionary<string, string?> overrides, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (file is not null && !File.Exists(file))
        {
            await error.WriteLineAsync($"No such file: {file}").ConfigureAwait(false);
            return ExitCodes.Failed;
        }

        var builder = CommandHost.CreateBuilder(overrides);
        builder.AddDirectTransport();
        using var host = builder.Build();
        if (await CommandHost.TryStartAsync(host, error, cancellationToken).ConfigureAwait(false) is { } badConfiguration)
        {
            return badConfiguration;
        }

        try
        {
            var sink = host.Services.GetRequiredService<ILineProtocolSink>();
            if (deadLetters)
            {
                var replay = await host.Services.GetRequiredService<DeadLetterReplayer>().ReplayAsync("replay", cancellationToken).ConfigureAwait(false);
                await output.WriteLineAsync(
                    $"Dead letters: {replay.Letters} in {replay.Segments} segments replayed, {replay.WrittenEvents} written to {sink.Name}, {replay.DeadLetteredAgain} dead-lettered again.").ConfigureAwait(false);
                if (replay.StoppedBy is { } reason)
                {
                    await error.WriteLineAsync("Stopped: " + reason + " (the rest stays in the store).").ConfigureAwait(false);
                    return ExitCodes.Failed;
                }

                return ExitCodes.Ok;
            }

            var processor = host.Services.GetRequiredService<IngestBatchProcessor>();
            var summary = await ReplayFileAsync(file!, processor, output, cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync(
                $"Replayed {file}: {summary.Lines} lines, {summary.Events} events, {summary.WrittenLines} lines written to {sink.Name}, " +
                $"{summary.Rejected} rejected (dead-lettered), {summary.Skipped} skipped, {summary.NotEvents} non-event messages ignored, {summary.Unreadable} unreadable lines (dead-lettered as malformed).").ConfigureAwait(false);
            if (sink is LineProtocolFileSink files)
            {
                await output.WriteLineAsync("Files: " + string.Join(", ", files.Files)).ConfigureAwait(false);
            }

            // Unreadable lines are dead-lettered like every rejected event: kept with their reason, nothing lost.
            return ExitCodes.Ok;
        }
        catch (SinkUnavailableException ex)
        {
            await error.WriteLineAsync("The sink is unavailable: " + ex.Message).ConfigureAwait(false);
            return ExitCodes.Failed;
        }
        finally
        {
            await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static async Task<ReplaySummary> ReplayFileAsync(string file, IngestBatchProcessor processor, TextWriter output, CancellationToken cancellationToken)
    {
        const int batchSize = 500;
        var summary = new ReplaySummary();
        var batch = new List<ReadOnlyMemory<byte>>(batchSize);
        var messages = new List<HaMessage>();
        // Lines are read as bytes, never decoded: a line that is not UTF-8 or not JSON reaches the pipeline as it is
        // and is dead-lettered with its reason (MalformedJson), instead of being repaired into U+FFFD or skipped.
        await foreach (var line in ReplayLines.ReadAsync(file, cancellationToken).ConfigureAwait(false))
        {
            if (ReplayLines.IsBlank(line.Span))
            {
                continue;
            }

            summary.Lines++;
            messages.Clear();
            if (!HaFrameReader.TryRead(line, messages, out _))
            {
                summary.Unreadable++;
                summary.Events++;
                batch.Add(line);
            }
            else
            {
                foreach (var message in messages)
                {
                    if (message.Type != HaMessageType.Event)
                    {
                        summary.NotEvents++;
                        continue;
                    }

                    batch.Add(message.Json);
                    summary.Events++;
                }
            }

            if (batch.Count >= batchSize)
            {
                await FlushAsync(processor, batch, summary, cancellationToken).ConfigureAwait(false);
                if (summary.Events % 10_000 < batchSize)
                {
                    await output.WriteLineAsync($"  {summary.Events} events...").ConfigureAwait(false);
                }
            }
        }

        await FlushAsync(processor, batch, summary, cancellationToken).ConfigureAwait(false);
        return summary;
    }

    private static async Task FlushAsync(IngestBatchProcessor processor, List<ReadOnlyMemory<byte>> batch, ReplaySummary summary, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return;
        }

        var outcome = await processor.ProcessAsync([.. batch], new BatchContext("replay"), cancellationToken).ConfigureAwait(false);
        summary.WrittenLines += outcome.WrittenLines;
        summary.Rejected += outcome.Rejected + outcome.SinkRejected;
        summary.Skipped += outcome.Skipped;
        batch.Clear();
    }

    private sealed class ReplaySummary
    {
        public long Lines { get; set; }

        public long Events { get; set; }

        public long NotEvents { get; set; }

        public long Unreadable { get; set; }

        public long WrittenLines { get; set; }

        public long Rejected { get; set; }

        public long Skipped { get; set; }
    }
}
