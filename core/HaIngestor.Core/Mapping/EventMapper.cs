using HaIngestor.Core.Parsing;
using HaIngestor.Core.Pipeline;
using HaIngestor.Core.Serialization;

namespace HaIngestor.Core.Mapping;

/// <summary>
/// <c>call_service</c> and every other non-state event, the same in both schemas: their own measurements, the JSON
/// payload kept as a string field, at <c>time_fired</c>.
/// </summary>
internal static class EventMapper
{
    public static ReadOnlySpan<byte> ServiceCallsMeasurement => "home_assistant_service_calls"u8;

    public static ReadOnlySpan<byte> OtherEventsMeasurement => "home_assistant_other_events"u8;

    public static ProcessResult MapCallService(in EventSource source, in EventView view, DateTimeOffset timestamp, LineProtocolWriter output)
    {
        output.BeginLine(ServiceCallsMeasurement);
        output.Tag("domain"u8, source.Text(view.Domain));
        output.Tag("service"u8, source.Text(view.Service));
        output.Tag("event_type"u8, "call_service"u8);
        StringTag(source, output, "home"u8, view.Home);
        output.Field("service_data"u8, view.ServiceData.IsObject ? source.Raw(view.ServiceData) : "{}"u8);
        if (view.ServiceEntityId.IsString)
        {
            output.Field("entity_id"u8, source.Text(view.ServiceEntityId));
        }
        else if (!view.ServiceEntityId.IsMissing)
        {
            // A list of entity ids (or anything else) is kept as its JSON text, still a string field.
            output.Field("entity_id"u8, source.Json(view.ServiceEntityId));
        }

        WriteContext(source, view, output);
        output.EndLine(timestamp);
        return ProcessResult.Written(1);
    }

    public static ProcessResult MapOther(in EventSource source, in EventView view, DateTimeOffset timestamp, LineProtocolWriter output)
    {
        output.BeginLine(OtherEventsMeasurement);
        output.Tag("event_type"u8, source.Text(view.EventType));
        StringTag(source, output, "home"u8, view.Home);
        StringTag(source, output, "entity_id"u8, view.EntityId);
        output.Field("data"u8, view.Data.IsMissing ? "{}"u8 : source.Json(view.Data));
        WriteContext(source, view, output);
        output.EndLine(timestamp);
        return ProcessResult.Written(1);
    }

    private static void WriteContext(in EventSource source, in EventView view, LineProtocolWriter output)
    {
        if (view.ContextId.IsString)
        {
            output.Field("context_id"u8, source.Text(view.ContextId));
        }

        if (view.ContextUserId.IsString)
        {
            output.Field("user_id"u8, source.Text(view.ContextUserId));
        }

        if (view.CatchUp)
        {
            output.Field("catch_up"u8, true);
        }
    }

    private static void StringTag(in EventSource source, LineProtocolWriter output, ReadOnlySpan<byte> key, in JsonSlice slice)
    {
        if (slice.IsString && slice.Length > 0)
        {
            output.Tag(key, source.Text(slice));
        }
    }
}
