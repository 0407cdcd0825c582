using System.Globalization;
using InfluxDB.Client;
using InfluxDB.Client.Core.Exceptions;

namespace HaIngestor.Adapters.InfluxDb;

/// <summary>
/// Whether the v2 bucket the settings name exists in their organization, asked through InfluxDB.Client's buckets API
/// (<c>GET /api/v2/buckets?org=&amp;name=</c>): a wrong <c>InfluxDb:Bucket</c> or <c>InfluxDb:Org</c> is then reported
/// by <c>check</c> and the health check instead of by the first write's 404. Run only by those, never on the write path.
/// </summary>
internal static class InfluxDbBucketCheck
{
    /// <summary>Null when the bucket was found; otherwise why not, naming the setting (never the token).</summary>
    /// <remarks>A token that may only write (InfluxDB Cloud's write tokens) cannot list buckets: that is no failure.</remarks>
    public static async Task<(bool Found, string Detail)> RunAsync(InfluxDbOptions options, CancellationToken cancellationToken)
    {
        var clientOptions = new InfluxDBClientOptions(InfluxDbEndpoints.BaseUri(options).ToString())
        {
            Token = options.Token,
            Org = options.Org,
            Timeout = options.Timeout,
        };
        using var client = new InfluxDBClient(clientOptions);
        try
        {
            var buckets = await client.GetBucketsApi()
                .FindBucketsAsync(org: options.Org, name: options.Bucket, cancellationToken: cancellationToken)
                .ConfigureAwait(false);
            return buckets is { Count: > 0 }
                ? (true, string.Create(CultureInfo.InvariantCulture, $"bucket '{options.Bucket}' found"))
                : (false, string.Create(CultureInfo.InvariantCulture, $"bucket '{options.Bucket}' does not exist in organization '{options.Org}' (InfluxDb:Bucket)"));
        }
        catch (NotFoundException)
        {
            return (false, string.Create(CultureInfo.InvariantCulture, $"organization '{options.Org}' does not exist (InfluxDb:Org)"));
        }
        catch (UnauthorizedException)
        {
            return (false, "the token was refused (InfluxDb:Token)");
        }
        catch (ForbiddenException)
        {
            return (true, "bucket not verified: the token may not list buckets (a write-only token); writes will tell");
        }
    }
}
