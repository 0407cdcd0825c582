namespace HaIngestor.Core.Parsing;

/// <summary>The parts of a Home Assistant state object the pipeline uses.</summary>
internal struct StateView
{
    public JsonSlice Self;
    public JsonSlice State;
    public JsonSlice Attributes;
    public JsonSlice LastUpdated;
    public JsonSlice FriendlyName;
    public JsonSlice DeviceClass;
    public JsonSlice Unit;
    public JsonSlice StateClass;
    public JsonSlice Area;
}
