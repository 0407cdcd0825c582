namespace HaIngestor.Simulator;

/// <summary>Gives access to the simulator a host started with <see cref="SimulatorServiceCollectionExtensions.AddHaSimulator"/>.</summary>
public sealed class SimulatorHost
{
    private readonly TaskCompletionSource<HaSimulator> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the simulator listens.</summary>
    public Task<HaSimulator> Started => _started.Task;

    internal void SetStarted(HaSimulator simulator) => _started.TrySetResult(simulator);

    internal void SetFailed(Exception exception) => _started.TrySetException(exception);
}
