using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace HaIngestor.Core.Quality;

/// <summary>Registers data-quality tracking: <see cref="QualityOptions"/> from section <c>Quality</c> and the <see cref="QualityTracker"/>.</summary>
public static class QualityServiceCollectionExtensions
{
    /// <summary>
    /// Adds the tracker (one per process) with options validated at start. The pipeline registrations pass it to
    /// <see cref="Pipeline.EventPipeline"/> when <see cref="QualityOptions.Enabled"/>.
    /// </summary>
    public static IServiceCollection AddQualityTracking(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptionsWithValidateOnStart<QualityOptions, QualityOptionsValidator>()
            .Bind(configuration.GetSection(QualityOptions.SectionName));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new QualityTracker(
            sp.GetRequiredService<IOptions<QualityOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<IMeterFactory>()));
        return services;
    }

    /// <summary>The tracker when quality tracking is registered and enabled; null otherwise.</summary>
    public static QualityTracker? GetEnabledQualityTracker(this IServiceProvider provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        return provider.GetService<QualityTracker>() is { Options.Enabled: true } tracker ? tracker : null;
    }
}
