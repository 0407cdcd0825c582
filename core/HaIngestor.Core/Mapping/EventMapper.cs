using System.Text;
using HaIngestor.Core.Parsing;
using HaIngestor.Core.Pipeline;
using HaIngestor.Core.Schema;
using HaIngestor.Core.Serialization;

namespace HaIngestor.Core.Mapping;

/// <summary>
/// <c>call_service</c> and every other non-state event, the same in both schemas: their own measurements, the JSON
/// payload kept as a string field, at <c>time_fired</c>.
/// </summary>
internal static class EventMapper
{
    private static readonly byte[] ServiceCalls = Encoding.UTF8.GetBytes(ServiceCallKeys.Measurement);

    private static readonly byte[] OtherEvents = Encoding.UTF8.GetBytes(OtherEventKeys.Measurement);

    public static ReadOnlySpan<byte> ServiceCallsMeasurement => ServiceCalls;

    public static ReadOnlySpan<byte> OtherEventsMeasurement => OtherEvents;

    public static ProcessResult MapCallService(in EventSource source, in EventView view, DateTimeOffset timestamp, LineProtocolWriter output)
    {
        output.BeginLine(ServiceCallsMeasurement);
        output.Tag(ServiceCallKeys.Domain.Utf8, source.Text(view.Domain));
        output.Tag(ServiceCallKeys.Service.Utf8, source.Text(view.Service));
        output.Tag(ServiceCallKeys.EventType.Utf8, "call_service"u8);
        StringTag(source, output, ServiceCallKeys.Home.Utf8, view.Home);
        output.Field(ServiceCallKeys.ServiceData.Utf8, view.ServiceData.IsObject ? source.Raw(view.ServiceData) : "{}"u8);
        if (view.ServiceEntityId.IsString)
        {
            output.Field(ServiceCallKeys.ServiceEntityId.Utf8, source.Text(view.ServiceEntityId));
        }
        else if (!view.ServiceEntityId.IsMissing)
        {
            // A list of entity ids (or anything else) is kept as its JSON text, still a string field.
            output.Field(ServiceCallKeys.ServiceEntityId.Utf8, source.Json(view.ServiceEntityId));
        }

        WriteContext(source, view, output);
        output.EndLine(timestamp);
        return ProcessResult.Written(1);
    }

    public static ProcessResult MapOther(in EventSource source, in EventView view, DateTimeOffset timestamp, LineProtocolWriter output)
    {
        output.BeginLine(OtherEventsMeasurement);
        output.Tag(OtherEventKeys.EventType.Utf8, source.Text(view.EventType));
        StringTag(source, output, OtherEventKeys.Home.Utf8, view.Home);
        StringTag(source, output, OtherEventKeys.EntityId.Utf8, view.EntityId);
        output.Field(OtherEventKeys.Data.Utf8, view.Data.IsMissing ? "{}"u8 : source.Json(view.Data));
        WriteContext(source, view, output);
        output.EndLine(timestamp);
        return ProcessResult.Written(1);
    }

    private static void WriteContext(in EventSource source, in EventView view, LineProtocolWriter output)
    {
        if (view.ContextId.IsString)
        {
            output.Field(EventContextKeys.ContextId.Utf8, source.Text(view.ContextId));
        }

        if (view.ContextUserId.IsString)
        {
            output.Field(EventContextKeys.UserId.Utf8, source.Text(view.ContextUserId));
        }

        if (view.CatchUp)
        {
            output.Field(EventContextKeys.CatchUp.Utf8, true);
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
