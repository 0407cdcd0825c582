using System.Globalization;
using Microsoft.Extensions.Logging;

namespace HaIngestor.Connector.HomeAssistant;

/// <summary>
/// Keeps the time of the newest event seen from one home in a small file, so the catch-up after a gap also covers
/// a restart of the connector itself (deploys, crashes), not only reconnects within one process.
/// </summary>
internal sealed class LastEventCheckpoint
{
    private readonly string? _file;
    private readonly ILogger _logger;

    public LastEventCheckpoint(string? folder, string? home, ILogger logger)
    {
        _logger = logger;
        if (!string.IsNullOrWhiteSpace(folder))
        {
            var name = new string((home ?? "default").Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_').ToArray());
            _file = Path.Combine(folder, $"last-event-{name}.txt");
        }
    }

    /// <summary>True when a folder is configured.</summary>
    public bool IsEnabled => _file is not null;

    /// <summary>The saved time, or null when there is none (first start, or not configured).</summary>
    public DateTimeOffset? Load()
    {
        if (_file is null || !File.Exists(_file))
        {
            return null;
        }

        try
        {
            return DateTimeOffset.TryParse(File.ReadAllText(_file).Trim(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var time)
                ? time
                : null;
        }
        catch (IOException ex)
        {
            Log.CheckpointFailed(_logger, _file, ex.Message);
            return null;
        }
    }

    /// <summary>Saves <paramref name="time"/> atomically (write aside, then rename), so a crash never leaves half a file.</summary>
    public void Save(DateTimeOffset time)
    {
        if (_file is null)
        {
            return;
        }

        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(_file)!);
            var temporary = _file + ".tmp";
            File.WriteAllText(temporary, time.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
            File.Move(temporary, _file, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Log.CheckpointFailed(_logger, _file, ex.Message);
        }
    }
}
