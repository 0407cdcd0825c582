using HaIngestor.Adapters.DeadLetters;
using HaIngestor.Adapters.InfluxDb;
using HaIngestor.TestUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace HaIngestor.Core.Tests.Telemetry;

internal static class TestRegistrations
{
    public static IServiceCollection AddFileDeadLetterStoreForTest(this IServiceCollection services, string folder) =>
        services.AddFileDeadLetterStore(folder);

    public static IServiceCollection AddInfluxDbSinkForTest(this IServiceCollection services, InfluxDbTestDatabase database) =>
        services.AddInfluxDbSink(o =>
        {
            o.ApiVersion = InfluxDbApiVersion.V1;
            o.Url = database.BaseUrl.ToString();
            o.Database = database.Name;
        });
}
