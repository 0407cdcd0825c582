using HaIngestor.Simulator.Home;

namespace HaIngestor.Simulator.Tests;

public sealed class ActivityGeneratorDegradeTests
{
    [Fact]
    public void Degrade_SilencedSensorsNeverChangeAndUnavailableStaySo()
    {
        var home = new SimulatedHome(TimeProvider.System, 42, "user");
        HomeBuilder.Furnish(home);
        var activity = new ActivityGenerator(home);
        var affected = activity.Degrade(silence: 2, unavailable: 1);
        Assert.Equal(3, affected.Count);
        Assert.Equal("unavailable", home.GetState(affected[2])!.State);

        var changed = new Recorder();
        home.AddListener(changed);
        for (var i = 0; i < 5000; i++)
        {
            activity.Step(2);
        }

        Assert.DoesNotContain(changed.EntityIds, affected.Contains);
        Assert.Contains(changed.EntityIds, id => id.EndsWith("_temperature", StringComparison.Ordinal));
    }

    private sealed class Recorder : IEventListener
    {
        public HashSet<string> EntityIds { get; } = [];

        public void OnEvent(PublishedEvent published)
        {
            if (published.EntityId is { } id)
            {
                EntityIds.Add(id);
            }
        }
    }
}
