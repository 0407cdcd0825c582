using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HaIngestor.Core.Batching;

/// <summary>Registers the batching options.</summary>
public static class BatchingServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="BatcherOptions"/>, validated at start so a bad setting stops start-up with a message that
    /// names it. Hosts bind it to the <see cref="BatcherOptions.SectionName"/> section through the returned builder.
    /// </summary>
    public static OptionsBuilder<BatcherOptions> AddBatching(this IServiceCollection services, Action<BatcherOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = services.AddOptionsWithValidateOnStart<BatcherOptions, BatcherOptionsValidator>();
        if (configure is not null)
        {
            builder.Configure(configure);
        }

        return builder;
    }
}
