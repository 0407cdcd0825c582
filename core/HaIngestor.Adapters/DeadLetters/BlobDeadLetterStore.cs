using System.Globalization;
using System.Runtime.CompilerServices;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using HaIngestor.Core.DeadLetters;
using Microsoft.Extensions.Logging;

namespace HaIngestor.Adapters.DeadLetters;

/// <summary>
/// Dead letters in Azure Blob Storage: one block blob of JSON lines per <see cref="AddAsync"/> call, named
/// <c>yyyy/MM/dd/HH/yyyyMMddTHHmmssfffZ-instance-guid.jsonl</c> so that listing order is time order and writers never
/// collide. A blob is written whole or not at all, so a crash never leaves half a letter.
/// </summary>
internal sealed class BlobDeadLetterStore : IReplayableDeadLetterStore
{
    private readonly BlobContainerClient _container;
    private readonly string _instanceName;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _createGate = new(1, 1);
    private volatile bool _created;

    public BlobDeadLetterStore(BlobContainerClient container, string instanceName, TimeProvider timeProvider, ILogger<BlobDeadLetterStore> logger)
    {
        _container = container;
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

        await EnsureContainerAsync(cancellationToken).ConfigureAwait(false);
        var now = _timeProvider.GetUtcNow();
        var name = string.Create(
            CultureInfo.InvariantCulture,
            $"{now:yyyy'/'MM'/'dd'/'HH}/{now:yyyyMMdd'T'HHmmssfff'Z'}-{_instanceName}-{Guid.NewGuid():N}.jsonl");
        var content = BinaryData.FromBytes(DeadLetterJsonLines.Serialize(letters));
        await _container.GetBlobClient(name)
            .UploadAsync(content, new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/x-ndjson" } }, cancellationToken)
            .ConfigureAwait(false);
        Log.DeadLettersStored(_logger, letters.Count, name);
    }

    public async IAsyncEnumerable<DeadLetterSegment> ReadSegmentsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!await _container.ExistsAsync(cancellationToken).ConfigureAwait(false))
        {
            yield break;
        }

        await foreach (var item in _container.GetBlobsAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (!item.Name.EndsWith(".jsonl", StringComparison.Ordinal))
            {
                continue;
            }

            BinaryData content;
            try
            {
                var download = await _container.GetBlobClient(item.Name).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
                content = download.Value.Content;
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                // Replayed and removed by someone else meanwhile.
                continue;
            }

            yield return new DeadLetterSegment(item.Name, DeadLetterJsonLines.Parse(content.ToMemory().Span, item.Name));
        }
    }

    public async Task DeleteSegmentAsync(string segmentId, CancellationToken cancellationToken) =>
        await _container.GetBlobClient(segmentId).DeleteIfExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);

    private async Task EnsureContainerAsync(CancellationToken cancellationToken)
    {
        if (_created)
        {
            return;
        }

        await _createGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_created)
            {
                await _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                _created = true;
            }
        }
        finally
        {
            _createGate.Release();
        }
    }
}
