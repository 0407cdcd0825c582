using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace HaIngestor.Simulator;

/// <summary>Registers the Home Assistant simulator as a hosted service.</summary>
public static class SimulatorServiceCollectionExtensions
{
    /// <summary>
    /// Runs a simulator while the host runs, configured from the "Simulator" section and validated at start (a bad
    /// setting stops start-up naming the setting). Resolve <see cref="SimulatorHost"/> to reach it.
    /// </summary>
    public static IHostApplicationBuilder AddHaSimulator(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptionsWithValidateOnStart<SimulatorOptions>()
            .Bind(builder.Configuration.GetSection(SimulatorOptions.SectionName));
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SimulatorOptions>, SimulatorOptionsValidator>());
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<SimulatorHost>();
        builder.Services.AddHostedService<SimulatorHostedService>();
        return builder;
    }
}
