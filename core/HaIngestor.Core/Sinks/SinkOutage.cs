using Microsoft.Extensions.Logging;

namespace HaIngestor.Core.Sinks;

/// <summary>
/// The outage episodes of the write path (the sink, or the connector's transport): the first failure of an episode is
/// logged once as a warning stating <see cref="RetryPlan"/>, further failures only at debug level, and the recovery
/// once as information with the outage's length and what was journaled, replayed and dead-lettered meanwhile. One
/// instance per process, shared by everything on the write path, so one outage is one episode however many layers
/// see it fail.
/// </summary>
public sealed class SinkOutage
{
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private Episode? _episode;

    /// <summary>Creates the tracker.</summary>
    public SinkOutage(TimeProvider timeProvider, ILogger<SinkOutage> logger)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>What happens to the data while the write path is down; set by the host, stated in the episode's warning.</summary>
    public string RetryPlan { get; set; } = "writes are retried with backoff and what stays unwritten is kept by the caller";

    /// <summary>
    /// True while a backlog from the outage is still being delivered (the connector's journal); the recovery is then
    /// reported by <see cref="BacklogDelivered"/> instead of at the first success, so its counts are complete.
    /// </summary>
    public Func<bool>? BacklogPending { get; set; }

    /// <summary>True from the first failure of an episode until its recovery is reported.</summary>
    public bool IsOpen
    {
        get
        {
            lock (_gate)
            {
                return _episode is not null;
            }
        }
    }

    /// <summary>A write of <paramref name="dependency"/> failed with <paramref name="failure"/> (type and message, no stack trace).</summary>
    public void Failed(string dependency, string failure) => Failed(dependency, failure, _timeProvider.GetUtcNow());

    /// <summary>As <see cref="Failed(string, string)"/>, for a failed attempt that began at <paramref name="since"/>.</summary>
    public void Failed(string dependency, string failure, DateTimeOffset since)
    {
        bool first;
        lock (_gate)
        {
            first = _episode is null;
            if (first)
            {
                _episode = new Episode(dependency, since);
            }

            var episode = _episode!;
            episode.Failures++;
            episode.RecoveredAt = null;
        }

        if (first)
        {
            Log.OutageStarted(_logger, dependency, failure, RetryPlan);
        }
        else
        {
            Log.OutageContinues(_logger, dependency, failure);
        }
    }

    /// <summary>A write succeeded: ends the episode's outage; reports the recovery unless a backlog is still pending.</summary>
    public void Succeeded()
    {
        lock (_gate)
        {
            if (_episode is not { } episode)
            {
                return;
            }

            episode.RecoveredAt ??= _timeProvider.GetUtcNow();
        }

        if (BacklogPending?.Invoke() != true)
        {
            ReportRecovery();
        }
    }

    /// <summary>The backlog of the outage is delivered: reports the recovery if the write path is up again.</summary>
    public void BacklogDelivered() => ReportRecovery();

    /// <summary>Counts events moved to a journal during an episode.</summary>
    public void AddJournaled(long count) => Add(count, static (e, n) => e.Journaled += n);

    /// <summary>Counts events delivered from a journal during an episode.</summary>
    public void AddReplayed(long count) => Add(count, static (e, n) => e.Replayed += n);

    /// <summary>Counts events dead-lettered because the sink was unavailable during an episode.</summary>
    public void AddDeadLettered(long count) => Add(count, static (e, n) => e.DeadLettered += n);

    private void Add(long count, Action<Episode, long> add)
    {
        lock (_gate)
        {
            if (_episode is { } episode)
            {
                add(episode, count);
            }
        }
    }

    private void ReportRecovery()
    {
        Episode episode;
        lock (_gate)
        {
            if (_episode is not { RecoveredAt: not null } ended)
            {
                return;
            }

            episode = ended;
            _episode = null;
        }

        // Tenths of a second: the figure is for a person, and ticks only make it harder to read.
        var outage = TimeSpan.FromSeconds(Math.Round(Math.Max(0, (episode.RecoveredAt!.Value - episode.Since).TotalSeconds), 1));
        Log.OutageEnded(_logger, episode.Dependency, outage, episode.Failures, episode.Journaled, episode.Replayed, episode.DeadLettered);
    }

    private sealed class Episode(string dependency, DateTimeOffset since)
    {
        public string Dependency { get; } = dependency;

        public DateTimeOffset Since { get; } = since;

        public DateTimeOffset? RecoveredAt { get; set; }

        public int Failures { get; set; }

        public long Journaled { get; set; }

        public long Replayed { get; set; }

        public long DeadLettered { get; set; }
    }
}
