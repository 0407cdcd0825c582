using System.Threading.Channels;

namespace HaIngestor.Connector.HomeAssistant;

internal sealed partial class HomeAssistantClient
{
    // HA fires registry events in bursts (start-up, an integration reloading): one re-read per quiet moment is enough.
    private static readonly TimeSpan RegistryRefreshDebounce = TimeSpan.FromSeconds(2);

    private static readonly string[] RegistryUpdateEvents = ["entity_registry_updated", "device_registry_updated", "area_registry_updated"];

    // Refreshes coalesce: one pending request is enough however many registry events arrive meanwhile.
    private readonly Channel<bool> _registryRefreshRequests =
        Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true, SingleWriter = false });

    private RegistrySnapshot _registry = RegistrySnapshot.Empty;
    private long[] _registrySubscriptions = [];

    /// <summary>The registry in use (for tests and diagnostics).</summary>
    internal RegistrySnapshot Registry => Volatile.Read(ref _registry);

    private bool IsRegistrySubscription(long id)
    {
        foreach (var subscription in Volatile.Read(ref _registrySubscriptions))
        {
            if (subscription == id)
            {
                return true;
            }
        }

        return false;
    }

    private void RequestRegistryRefresh() => _registryRefreshRequests.Writer.TryWrite(true);

    private async Task LoadRegistriesAsync(HomeAssistantConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            using var entities = (await connection.SendCommandAsync("config/entity_registry/list", null, cancellationToken).ConfigureAwait(false))
                .EnsureSuccess("config/entity_registry/list");
            using var devices = (await connection.SendCommandAsync("config/device_registry/list", null, cancellationToken).ConfigureAwait(false))
                .EnsureSuccess("config/device_registry/list");
            using var areas = (await connection.SendCommandAsync("config/area_registry/list", null, cancellationToken).ConfigureAwait(false))
                .EnsureSuccess("config/area_registry/list");
            var snapshot = RegistrySnapshot.Build(entities.Result, devices.Result, areas.Result);
            Volatile.Write(ref _registry, snapshot);
            Log.RegistriesLoaded(_logger, _displayName, snapshot.Count);
        }
        catch (HomeAssistantCommandException ex)
        {
            // Non-admin tokens may not list registries: events still flow, only without area and device.
            Log.RegistriesUnavailable(_logger, _displayName, ex.Message);
        }
    }

    private async Task SubscribeRegistryUpdatesAsync(HomeAssistantConnection connection, CancellationToken cancellationToken)
    {
        Volatile.Write(ref _registrySubscriptions, []);
        var ids = new List<long>(RegistryUpdateEvents.Length);
        foreach (var eventType in RegistryUpdateEvents)
        {
            using var reply = await connection.SendCommandAsync("subscribe_events", w => w.WriteString("event_type"u8, eventType), cancellationToken)
                .ConfigureAwait(false);
            if (reply.Success)
            {
                ids.Add(reply.Id);
            }
        }

        Volatile.Write(ref _registrySubscriptions, [.. ids]);
    }

    private async Task RegistryRefreshLoopAsync(HomeAssistantConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            while (await _registryRefreshRequests.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                await Task.Delay(RegistryRefreshDebounce, _timeProvider, cancellationToken).ConfigureAwait(false);
                _registryRefreshRequests.Reader.TryRead(out _);
                await LoadRegistriesAsync(connection, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or HomeAssistantConnectionLostException)
        {
            // The session is ending; the next one reads the registries afresh.
        }
    }
}
