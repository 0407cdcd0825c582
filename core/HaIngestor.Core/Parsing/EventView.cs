namespace HaIngestor.Core.Parsing;

/// <summary>
/// One reader pass over an event message (an <see cref="IngestEnvelope"/>), as slices of its bytes. Holds no
/// references, so it costs nothing to create; attribute lists go to the caller's <see cref="AttributeBuffer"/>.
/// </summary>
internal struct EventView
{
    public JsonSlice Type;
    public JsonSlice Event;
    public JsonSlice EventType;
    public JsonSlice TimeFired;
    public JsonSlice ContextId;
    public JsonSlice ContextUserId;
    public JsonSlice Data;

    public JsonSlice EntityId;
    public StateView NewState;
    public StateView OldState;

    public JsonSlice Domain;
    public JsonSlice Service;
    public JsonSlice ServiceData;
    public JsonSlice ServiceEntityId;

    public JsonSlice Home;
    public JsonSlice Area;
    public JsonSlice Device;
    public bool CatchUp;
}
