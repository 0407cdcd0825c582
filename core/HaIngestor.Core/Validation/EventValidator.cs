using HaIngestor.Core.Normalization;
using HaIngestor.Core.Parsing;
using HaIngestor.Core.Pipeline;

namespace HaIngestor.Core.Validation;

/// <summary>
/// Checks the meaning of a read event: an event message with an <c>event_type</c>, valid timestamps, and per type the
/// members the mapping needs with the right JSON kinds. Details are constant texts: they never echo the input.
/// </summary>
internal static class EventValidator
{
    /// <summary>Validates; on success gives the event kind and the point timestamp (UTC).</summary>
    public static RejectReason Validate(in EventSource source, in EventView view, out EventKind kind, out DateTimeOffset timestamp, out string? detail)
        => Validate(source, view, out kind, out timestamp, out _, out detail);

    /// <summary>
    /// Validates; on success gives the event kind and the point timestamp (UTC). <paramref name="timeFired"/> is the
    /// event's <c>time_fired</c> whenever validation got as far as reading it, also when it then rejects the event.
    /// </summary>
    public static RejectReason Validate(
        in EventSource source, in EventView view, out EventKind kind, out DateTimeOffset timestamp, out DateTimeOffset? timeFired, out string? detail)
    {
        kind = EventKind.Other;
        timestamp = default;
        timeFired = null;
        detail = null;
        if (!source.TextEquals(view.Type, "event"u8) || !view.Event.IsObject)
        {
            detail = "The message is not an event message (type \"event\" with an event object).";
            return RejectReason.NotAnEvent;
        }

        if (!view.EventType.IsString || view.EventType.Length == 0)
        {
            detail = "The event has no event_type string.";
            return RejectReason.MissingEventType;
        }

        kind = source.TextEquals(view.EventType, "state_changed"u8) ? EventKind.StateChanged
            : source.TextEquals(view.EventType, "call_service"u8) ? EventKind.CallService
            : source.TextEquals(view.EventType, Mapping.StatisticsEvent.EventTypeUtf8) ? EventKind.Statistics
            : EventKind.Other;

        if (!view.TimeFired.IsMissing)
        {
            if (!view.TimeFired.IsString || !TimestampParser.TryParse(source.Text(view.TimeFired), out var parsed))
            {
                detail = "time_fired is not an ISO 8601 timestamp within InfluxDB's range.";
                return RejectReason.BadTimestamp;
            }

            timeFired = parsed;
        }

        var pointTime = timeFired;
        var reason = kind switch
        {
            EventKind.StateChanged => ValidateStateChanged(source, view, ref pointTime, out detail),
            EventKind.CallService => ValidateCallService(view, out detail),
            _ => RejectReason.None,
        };
        if (reason != RejectReason.None)
        {
            return reason;
        }

        if (pointTime is not { } time)
        {
            detail = "The event has no time_fired (nor a new_state.last_updated).";
            return RejectReason.MissingTimestamp;
        }

        timestamp = time;
        return RejectReason.None;
    }

    private static RejectReason ValidateStateChanged(in EventSource source, in EventView view, ref DateTimeOffset? timestamp, out string? detail)
    {
        detail = null;
        if (!view.Data.IsObject)
        {
            detail = "state_changed data is not an object.";
            return RejectReason.WrongJsonKind;
        }

        if (view.EntityId.IsMissing)
        {
            detail = "state_changed data has no entity_id.";
            return RejectReason.MissingEntityId;
        }

        if (!view.EntityId.IsString)
        {
            detail = "entity_id is not a string.";
            return RejectReason.WrongJsonKind;
        }

        if (!EntityIdRules.IsValid(source.Text(view.EntityId), out _))
        {
            detail = "entity_id is not 'domain.object_id' of lowercase ASCII letters, digits and underscores (at most 255).";
            return RejectReason.MalformedEntityId;
        }

        if (!view.NewState.Self.IsObject && !view.NewState.Self.IsNull)
        {
            detail = "new_state is neither an object nor null.";
            return RejectReason.WrongJsonKind;
        }

        if (view.OldState.Self.IsPresent && !view.OldState.Self.IsObject && !view.OldState.Self.IsNull)
        {
            detail = "old_state is neither an object nor null.";
            return RejectReason.WrongJsonKind;
        }

        var reason = ValidateState(view.OldState, out detail);
        if (reason != RejectReason.None || !view.NewState.Self.IsObject)
        {
            return reason;
        }

        reason = ValidateState(view.NewState, out detail);
        if (reason != RejectReason.None)
        {
            return reason;
        }

        if (!view.NewState.State.IsString)
        {
            detail = "new_state has no state string.";
            return RejectReason.WrongJsonKind;
        }

        if (!view.NewState.LastUpdated.IsMissing)
        {
            if (!view.NewState.LastUpdated.IsString || !TimestampParser.TryParse(source.Text(view.NewState.LastUpdated), out var lastUpdated))
            {
                detail = "new_state.last_updated is not an ISO 8601 timestamp within InfluxDB's range.";
                return RejectReason.BadTimestamp;
            }

            timestamp = lastUpdated;
        }

        return RejectReason.None;
    }

    private static RejectReason ValidateState(in StateView state, out string? detail)
    {
        detail = null;
        if (!state.Self.IsObject)
        {
            return RejectReason.None;
        }

        if (state.State.IsPresent && !state.State.IsString)
        {
            detail = "A state's state is not a string.";
            return RejectReason.WrongJsonKind;
        }

        if (!state.Attributes.IsMissing && !state.Attributes.IsObject)
        {
            detail = "A state's attributes is not an object.";
            return RejectReason.WrongJsonKind;
        }

        return RejectReason.None;
    }

    private static RejectReason ValidateCallService(in EventView view, out string? detail)
    {
        detail = null;
        if (!view.Data.IsObject || !view.Domain.IsString || view.Domain.Length == 0 || !view.Service.IsString || view.Service.Length == 0)
        {
            detail = "call_service data needs non-empty domain and service strings.";
            return RejectReason.WrongJsonKind;
        }

        if (!view.ServiceData.IsMissing && !view.ServiceData.IsObject)
        {
            detail = "call_service service_data is not an object.";
            return RejectReason.WrongJsonKind;
        }

        return RejectReason.None;
    }
}
