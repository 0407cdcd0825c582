using Microsoft.Extensions.Time.Testing;

namespace HaIngestor.Simulator.Tests;

/// <summary>Starts simulators for tests: quiet by default (no background events) so tests decide what happens.</summary>
internal static class SimulatorFixture
{
    public static Task<HaSimulator> StartAsync(Action<SimulatorOptions>? configure = null, TimeProvider? time = null)
    {
        var options = new SimulatorOptions { EventsPerSecond = 0, Token = "test-token-" + Guid.NewGuid().ToString("N") };
        configure?.Invoke(options);
        return HaSimulator.StartAsync(options, time ?? TimeProvider.System, null);
    }

    public static FakeTimeProvider FakeTime() => new(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));
}
