using System.Buffers;
using HaIngestor.Connector.Ingestion;
using HaIngestor.Core.Parsing;

namespace HaIngestor.Connector.HomeAssistant;

internal sealed partial class HomeAssistantClient : IHomeAssistantMessageHandler
{
    private const long NoTime = long.MinValue;

    // Reused by the receive loop for every envelope, so only the final exact-size array is allocated per event.
    private readonly ArrayBufferWriter<byte> _liveEnvelope = new(4096);

    private long _lastEventTimeFiredTicks = NoTime;

    /// <summary>The newest <c>time_fired</c> of a live event; catch-up re-reads what changed after it.</summary>
    private DateTimeOffset? LastEventTimeFired =>
        Interlocked.Read(ref _lastEventTimeFiredTicks) is var ticks && ticks != NoTime ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    void IHomeAssistantMessageHandler.OnEvent(in HaMessage message)
    {
        if (IsRegistrySubscription(message.Id))
        {
            RequestRegistryRefresh();
            return;
        }

        // The frame reader read the header in the same pass that split the frame: the message is not parsed again here.
        if (message.Header is not { } header)
        {
            ((IHomeAssistantMessageHandler)this).OnMalformed("event message without a readable header");
            return;
        }

        if (header.TimeFired.UtcTicks > Interlocked.Read(ref _lastEventTimeFiredTicks))
        {
            // Only the receive loop writes this; readers tolerate a slightly stale value.
            Interlocked.Exchange(ref _lastEventTimeFiredTicks, header.TimeFired.UtcTicks);
        }

        NoteLiveStateChange(header);
        Deliver(message, header, catchUp: false, _liveEnvelope);
    }

    void IHomeAssistantMessageHandler.OnMalformed(string error)
    {
        _status.OnMalformed();
        var count = _status.MalformedMessages;

        // A broken peer could send these at event rate: log the first ones and then sparsely; the counter has them all.
        if (count <= 10 || count % 1000 == 0)
        {
            Log.Malformed(_logger, _displayName, error, count);
        }
    }

    /// <summary>
    /// Filters, skips restart duplicates, tags and hands one event to the sink; called by the receive loop and by
    /// catch-up. Returns whether the sink got it.
    /// </summary>
    private bool Deliver(in HaMessage message, in EventHeader header, bool catchUp, ArrayBufferWriter<byte> scratch, bool checkDuplicate = true)
    {
        var filtered = header.EntityId is { } entityId && !_filter.IsPassThrough && !_filter.Allows(entityId);
        _status.OnEvent(filtered, catchUp);
        if (filtered)
        {
            return false;
        }

        if (checkDuplicate && _duplicates is not null && header.EntityId is { } id && header.EventType == "state_changed" && _duplicates.IsDuplicate(message, id))
        {
            _status.OnRestartDuplicate();
            return false;
        }

        var placement = Volatile.Read(ref _registry).Lookup(header.EntityId);
        scratch.ResetWrittenCount();
        IngestEnvelope.Wrap(message, new IngestMetadata(Home, placement.Area, placement.Device, catchUp), scratch);
        _sink.Accept(new ReceivedEvent(scratch.WrittenSpan.ToArray(), header, Home, catchUp, _timeProvider.GetUtcNow()));
        return true;
    }
}
