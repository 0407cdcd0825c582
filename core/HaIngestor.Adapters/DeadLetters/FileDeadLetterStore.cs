using System.Globalization;
using System.Runtime.CompilerServices;
using HaIngestor.Core.DeadLetters;
using Microsoft.Extensions.Logging;

namespace HaIngestor.Adapters.DeadLetters;

/// <summary>
/// Dead letters as JSON-lines files in a local folder (the connector's direct mode): one file per
/// <see cref="AddAsync"/> call, named by time so that name order is time order. Each file is written to a temporary
/// name, flushed to disk and then renamed, so it is there whole or not at all.
/// </summary>
internal sealed class FileDeadLetterStore : IReplayableDeadLetterStore
{
    private const string Extension = ".jsonl";
    private readonly string _folder;
    private readonly string _instanceName;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    public FileDeadLetterStore(string folder, string instanceName, TimeProvider timeProvider, ILogger<FileDeadLetterStore> logger)
    {
        _folder = Path.GetFullPath(folder);
        _instanceName = instanceName;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public async Task AddAsync(IReadOnlyCollection<DeadLetter> letters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(letters);
        if (letters.Count == 0)
        {
            return;
        }

        Directory.CreateDirectory(_folder);
        var now = _timeProvider.GetUtcNow();
        var name = string.Create(CultureInfo.InvariantCulture, $"{now:yyyyMMdd'T'HHmmssfff'Z'}-{_instanceName}-{Guid.NewGuid():N}");
        var temporary = Path.Combine(_folder, name + ".tmp");
        var final = Path.Combine(_folder, name + Extension);
        var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous);
        await using (stream.ConfigureAwait(false))
        {
            await stream.WriteAsync(DeadLetterJsonLines.Serialize(letters), cancellationToken).ConfigureAwait(false);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, final);
        Log.DeadLettersStored(_logger, letters.Count, final);
    }

    public async IAsyncEnumerable<DeadLetterSegment> ReadSegmentsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!Directory.Exists(_folder))
        {
            yield break;
        }

        var files = Directory.EnumerateFiles(_folder, "*" + Extension).Order(StringComparer.Ordinal).ToList();
        foreach (var file in files)
        {
            byte[] content;
            try
            {
                content = await File.ReadAllBytesAsync(file, cancellationToken).ConfigureAwait(false);
            }
            catch (FileNotFoundException)
            {
                continue;
            }

            var id = Path.GetFileName(file);
            yield return new DeadLetterSegment(id, DeadLetterJsonLines.Parse(content, id));
        }
    }

    public Task DeleteSegmentAsync(string segmentId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(segmentId);
        if (segmentId != Path.GetFileName(segmentId) || !segmentId.EndsWith(Extension, StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{segmentId}' is not a dead-letter file of this store.", nameof(segmentId));
        }

        File.Delete(Path.Combine(_folder, segmentId));
        return Task.CompletedTask;
    }
}
