using HaIngestor.Core.Pipeline;
using HaIngestor.Core.Tests.TestData;
using static HaIngestor.Core.Tests.Pipeline.PipelineRun;

namespace HaIngestor.Core.Tests.Validation;

public sealed class EventValidatorTests
{
    public static TheoryData<string, RejectReason> Rejections => new()
    {
        { "", RejectReason.MalformedJson },
        { "not json", RejectReason.MalformedJson },
        { HaEvents.Simple("sensor.x", "\"1\"")[..50], RejectReason.MalformedJson },
        { "{\"id\":1,\"type\":\"event\"} trailing", RejectReason.MalformedJson },
        { "[" + HaEvents.Simple("sensor.x", "\"1\"") + "]", RejectReason.NotAnEvent },
        { "[1,2]", RejectReason.NotAnEvent },
        { "{\"id\":1,\"type\":\"result\",\"success\":true,\"result\":null}", RejectReason.NotAnEvent },
        { "{\"id\":1,\"type\":\"event\",\"event\":\"text\"}", RejectReason.NotAnEvent },
        { "{\"id\":1,\"type\":\"event\",\"event\":{\"time_fired\":\"2024-05-01T12:00:00Z\"}}", RejectReason.MissingEventType },
        { "{\"id\":1,\"type\":\"event\",\"event\":{\"event_type\":7,\"time_fired\":\"2024-05-01T12:00:00Z\"}}", RejectReason.MissingEventType },
        { "{\"id\":1,\"type\":\"event\",\"event\":{\"event_type\":\"x\",\"data\":{}}}", RejectReason.MissingTimestamp },
        { HaEvents.Other("x", "{}").Replace(HaEvents.Time, "not a time", StringComparison.Ordinal), RejectReason.BadTimestamp },
        { HaEvents.Other("x", "{}").Replace(HaEvents.Time, "2024-02-30T00:00:00Z", StringComparison.Ordinal), RejectReason.BadTimestamp },
        { HaEvents.StateChanged("\"sensor.x\"", HaEvents.State("sensor.x", "\"1\"", lastUpdated: "1600-01-01T00:00:00Z")), RejectReason.BadTimestamp },
        { HaEvents.StateChanged("null", HaEvents.State("sensor.x", "\"1\"")), RejectReason.MissingEntityId },
        { HaEvents.Other("state_changed", "{\"new_state\":null}"), RejectReason.MissingEntityId },
        { HaEvents.StateChanged("42", HaEvents.State("sensor.x", "\"1\"")), RejectReason.WrongJsonKind },
        { HaEvents.StateChanged("\"sensor x\"", HaEvents.State("sensor.x", "\"1\"")), RejectReason.MalformedEntityId },
        { HaEvents.StateChanged("\"sensor.a,b=c\"", HaEvents.State("sensor.x", "\"1\"")), RejectReason.MalformedEntityId },
        { HaEvents.StateChanged("\"sensor.a\\nb\"", HaEvents.State("sensor.x", "\"1\"")), RejectReason.MalformedEntityId },
        { HaEvents.StateChanged("\"sensor.\\\"q\\\"\"", HaEvents.State("sensor.x", "\"1\"")), RejectReason.MalformedEntityId },
        { HaEvents.StateChanged("\"Sensor.X\"", HaEvents.State("sensor.x", "\"1\"")), RejectReason.MalformedEntityId },
        { HaEvents.StateChanged("\"sensor\"", HaEvents.State("sensor.x", "\"1\"")), RejectReason.MalformedEntityId },
        { HaEvents.StateChanged("\"sensor.a.b\"", HaEvents.State("sensor.x", "\"1\"")), RejectReason.MalformedEntityId },
        { HaEvents.StateChanged("\".x\"", HaEvents.State("sensor.x", "\"1\"")), RejectReason.MalformedEntityId },
        { HaEvents.StateChanged("\"sensor.🙂\"", HaEvents.State("sensor.x", "\"1\"")), RejectReason.MalformedEntityId },
        { HaEvents.StateChanged("\"sensor." + new string('a', 300) + "\"", HaEvents.State("sensor.x", "\"1\"")), RejectReason.MalformedEntityId },
        { HaEvents.Simple("sensor.x", "21.5"), RejectReason.WrongJsonKind },
        { HaEvents.Simple("sensor.x", "null"), RejectReason.WrongJsonKind },
        { HaEvents.Simple("sensor.x", "\"1\"", "[1]"), RejectReason.WrongJsonKind },
        { HaEvents.Simple("sensor.x", "\"1\"", "\"text\""), RejectReason.WrongJsonKind },
        { HaEvents.StateChanged("\"sensor.x\"", "\"on\""), RejectReason.WrongJsonKind },
        { HaEvents.StateChanged("\"sensor.x\"", HaEvents.State("sensor.x", "\"1\""), "5"), RejectReason.WrongJsonKind },
        { HaEvents.Other("state_changed", "[]"), RejectReason.WrongJsonKind },
        { HaEvents.CallService("light", "", "{}"), RejectReason.WrongJsonKind },
        { HaEvents.CallService("light", "turn_on", "[1]"), RejectReason.WrongJsonKind },
        { HaEvents.Simple("sensor.x", "\"\\ud800 lone surrogate\""), RejectReason.MalformedJson },
        { HaEvents.Simple("sensor.x", "\"1\"", "{\"\\ud800\":1}"), RejectReason.MalformedJson },
        { HaEvents.StateChanged("\"sensor.\\udc00\"", HaEvents.State("sensor.x", "\"1\"")), RejectReason.MalformedJson },
        { HaEvents.Other("x", "{}").Replace("\"event_type\":\"x\"", "\"event_type\":\"\\ud800\"", StringComparison.Ordinal), RejectReason.MalformedJson },
    };

    [Theory]
    [MemberData(nameof(Rejections))]
    public void Process_InvalidMessage_RejectedWithReasonAndNothingWritten(string message, RejectReason reason)
    {
        var (result, lines) = Run(message);

        Assert.Equal(ProcessOutcome.Rejected, result.Outcome);
        Assert.Equal(reason, result.Reason);
        Assert.False(string.IsNullOrEmpty(result.Detail));
        Assert.Empty(lines);
    }

    [Fact]
    public void Process_Oversize_Rejected()
    {
        var message = HaEvents.Simple("sensor.x", "\"1\"", $$"""{"a":"{{new string('x', 2000)}}"}""");

        var (result, _) = Run(message, new PipelineOptions { MaxEventBytes = 1024 });

        Assert.Equal(RejectReason.Oversize, result.Reason);
    }

    [Fact]
    public void Process_InvalidUtf8_RejectedAsMalformed()
    {
        var bytes = HaEvents.Utf8(HaEvents.Simple("sensor.x", "\"AB\""));
        var index = Array.IndexOf(bytes, (byte)'A');
        bytes[index] = 0xC3;
        bytes[index + 1] = 0x28;

        var (result, _) = Run(bytes);

        Assert.Equal(RejectReason.MalformedJson, result.Reason);
    }

    [Fact]
    public void Process_Removal_IsValid()
    {
        var (result, _) = Run(HaEvents.StateChanged("\"sensor.x\"", null));

        Assert.Equal(ProcessOutcome.Written, result.Outcome);
    }

    [Theory]
    [MemberData(nameof(HostileCases))]
    public void Process_HostileButValid_WrittenAsOneLineInBothSchemas(string message)
    {
        foreach (var schema in new[] { PointSchema.Default, PointSchema.HomeAssistant })
        {
            var (result, lines) = Run(message, new PipelineOptions { Schema = schema, ConvertUnits = true });

            Assert.NotEqual(ProcessOutcome.Rejected, result.Outcome);
            if (result.Outcome == ProcessOutcome.Written)
            {
                Assert.EndsWith("\n", lines, StringComparison.Ordinal);
                Assert.Single(SplitLines(lines));
            }
        }
    }

    public static TheoryData<string> HostileCases() => [.. HostileEvents.All()];

    /// <summary>Splits line protocol the way InfluxDB 1.x does: a newline ends a line unless inside a quoted field value.</summary>
    private static List<string> SplitLines(string text)
    {
        var lines = new List<string>();
        var start = 0;
        var quoted = false;
        var inFields = false;
        var equals = 0;
        var commas = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < text.Length)
            {
                i++;
                continue;
            }

            if (c == ' ')
            {
                inFields = true;
            }

            if (inFields && !quoted && c == '=')
            {
                equals++;
            }
            else if (inFields && !quoted && c == ',')
            {
                commas++;
            }
            else if (inFields && c == '"' && equals > commas)
            {
                quoted = !quoted;
            }
            else if (c == '\n' && !quoted)
            {
                lines.Add(text[start..i]);
                start = i + 1;
                inFields = false;
                equals = 0;
                commas = 0;
            }
        }

        return lines;
    }
}
