namespace HaIngestor.Simulator.Home;

/// <summary>Receives every event fired on the simulated bus, called under the home's lock so order is global.</summary>
internal interface IEventListener
{
    void OnEvent(PublishedEvent published);
}
