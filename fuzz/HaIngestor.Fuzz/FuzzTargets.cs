using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using HaIngestor.Adapters.DeadLetters;
using HaIngestor.Connector.AddOn;
using HaIngestor.Connector.Journal;
using HaIngestor.Connector.Service;
using HaIngestor.Core.Parsing;
using HaIngestor.Core.Pipeline;
using HaIngestor.Core.Serialization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HaIngestor.Fuzz;

/// <summary>Every fuzz target, by name.</summary>
internal static class FuzzTargets
{
    // Lazy: instrumented code may only run once the fuzzer has set up its coverage map, not while the target is found.
    private static readonly Lazy<EventPipeline> Default = new(() => new EventPipeline(new PipelineOptions()));
    private static readonly Lazy<EventPipeline> HomeAssistant = new(() => new EventPipeline(new PipelineOptions { Schema = PointSchema.HomeAssistant }));
    private static readonly Lazy<LineProtocolWriter> Writer = new(() => new LineProtocolWriter());

    public static IReadOnlyList<FuzzTarget> All { get; } =
    [
        new("frame", "a WebSocket text frame as Home Assistant sends it (one message or a coalesced array)", Frame, Seeds.Frames),
        new("event", "an event message, by the tuned event reader", Event, Seeds.Events),
        new("map-default", "an event message through the whole pipeline into line protocol, default schema", bytes => Map(bytes, Default), Seeds.Events),
        new("map-homeassistant", "the same, homeassistant schema", bytes => Map(bytes, HomeAssistant), Seeds.Events),
        new("journal", "a journal segment file as found on disk after a crash", Journal, Seeds.JournalSegments),
        new("deadletters", "a dead-letter segment as replay reads it", DeadLetters, Seeds.DeadLetterSegments),
        new("options", "the add-on's options.json as the Supervisor writes it", OptionsFile, Seeds.OptionsFiles),
    ];

    public static FuzzTarget? Find(string name) => All.FirstOrDefault(target => target.Name == name);

    private static void Frame(byte[] bytes)
    {
        var messages = new List<HaMessage>();
        if (HaFrameReader.TryRead(bytes, messages, out var error) == (error is not null))
        {
            throw new InvalidOperationException("TryRead's result and its error disagree.");
        }
    }

    private static void Event(byte[] bytes) => EventReader.TryRead(bytes, out _, new AttributeBuffer());

    private static void Map(byte[] bytes, Lazy<EventPipeline> pipeline)
    {
        var writer = Writer.Value;
        writer.Clear();
        pipeline.Value.Process(bytes, writer);
        var written = writer.WrittenSpan;
        // Whatever was accepted is whole lines: never a partial point, never a raw carriage return.
        if (!written.IsEmpty && written[^1] != (byte)'\n')
        {
            throw new InvalidOperationException("The pipeline left a partial line.");
        }

        if (written.IndexOf((byte)'\r') >= 0)
        {
            throw new InvalidOperationException("A raw carriage return reached the output.");
        }
    }

    // On tmpfs where there is one: the reader is file-based, and the disk would set the pace otherwise.
    private static readonly string JournalRoot = Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();

    private static void Journal(byte[] bytes)
    {
        var folder = Directory.CreateDirectory(Path.Combine(JournalRoot, $"hai-fuzz-journal-{Environment.ProcessId}"));
        try
        {
            File.WriteAllBytes(Path.Combine(folder.FullName, "1.seg"), bytes);
            using var journal = new EventJournal(
                Options.Create(new JournalOptions { Path = folder.FullName }),
                TimeProvider.System,
                new ConnectorCounters(),
                NullLogger<EventJournal>.Instance);
            journal.Open();
            for (var round = 0; round < 1000; round++)
            {
                var batch = journal.ReadBatch(256);
                if (batch.Records.Count == 0)
                {
                    return;
                }

                journal.Commit(batch.End);
            }

            throw new InvalidOperationException("The journal reader did not reach the end of one segment in 1,000 batches.");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static void DeadLetters(byte[] bytes)
    {
        try
        {
            DeadLetterJsonLines.Parse(bytes, "fuzz");
        }
        catch (InvalidDataException)
        {
            // The documented answer to a corrupt segment: it names the segment and line.
        }
    }

    private static readonly string[] SecretOptions = ["event_hubs_connection_string", "influxdb_password", "influxdb_token", "weather_api_key"];

    private static void OptionsFile(byte[] bytes)
    {
        // As File.ReadAllText reads the file: invalid UTF-8 becomes U+FFFD.
        var json = Encoding.UTF8.GetString(bytes);
        if (Rejection(json) is not { } message)
        {
            return;
        }

        // The documented answer to a bad option names the option and never echoes a secret. A secret's text in the
        // message is an echo unless the message also holds it with the secret replaced (then it is the reader's
        // own example text, such as the connection-string shape).
        foreach (var (name, secret) in Secrets(json))
        {
            if (message.Contains(secret, StringComparison.Ordinal)
                && Rejection(WithOption(json, name, new string('x', secret.Length))) is { } replaced
                && !replaced.Contains(secret, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"A rejected options.json echoed the value of '{name}' in its message.");
            }
        }
    }

    private static string? Rejection(string json)
    {
        try
        {
            AddOnOptionsReader.Read(json);
            return null;
        }
        catch (FormatException ex)
        {
            return ex.Message;
        }
    }

    private static string WithOption(string json, string name, string value)
    {
        var root = JsonNode.Parse(json)!.AsObject();
        root[name] = value;
        return root.ToJsonString();
    }

    private static List<(string Name, string Value)> Secrets(string json)
    {
        List<(string, string)> secrets = [];
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var name in SecretOptions)
                {
                    // Short values (a few characters) occur in any message by chance; the check is for real secrets.
                    if (document.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
                        && value.GetString()!.Trim() is { Length: >= 8 } secret)
                    {
                        secrets.Add((name, secret));
                    }
                }
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // Not JSON, or a name or value that is no text (a lone surrogate): the reader rejected it for that.
        }

        return secrets;
    }
}
