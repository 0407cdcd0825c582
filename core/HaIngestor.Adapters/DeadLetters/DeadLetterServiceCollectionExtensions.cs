using Azure.Identity;
using Azure.Storage.Blobs;
using HaIngestor.Core.DeadLetters;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HaIngestor.Adapters.DeadLetters;

/// <summary>Registration of the dead-letter store.</summary>
public static class DeadLetterServiceCollectionExtensions
{
    /// <summary>
    /// Registers the dead-letter store configured in section <c>DeadLetters</c> (Blob Storage or a folder) as
    /// <see cref="IDeadLetterStore"/> and <see cref="IReplayableDeadLetterStore"/>.
    /// </summary>
    public static IHostApplicationBuilder AddDeadLetterStore(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddDeadLetterStore(builder.Configuration.GetSection(DeadLetterOptions.SectionName));
        return builder;
    }

    /// <summary>Registers the dead-letter store bound to <paramref name="section"/>.</summary>
    public static IServiceCollection AddDeadLetterStore(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        services.AddOptionsWithValidateOnStart<DeadLetterOptions, DeadLetterOptionsValidator>().Bind(section);
        return services.AddDeadLetterStoreCore();
    }

    /// <summary>Registers the dead-letter store configured in code.</summary>
    public static IServiceCollection AddDeadLetterStore(this IServiceCollection services, Action<DeadLetterOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptionsWithValidateOnStart<DeadLetterOptions, DeadLetterOptionsValidator>().Configure(configure);
        return services.AddDeadLetterStoreCore();
    }

    /// <summary>Registers a folder of JSON-lines files as the dead-letter store (the connector's direct mode).</summary>
    public static IServiceCollection AddFileDeadLetterStore(this IServiceCollection services, string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        return services.AddDeadLetterStore(o => o.Folder = folder);
    }

    private static IServiceCollection AddDeadLetterStoreCore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IReplayableDeadLetterStore>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<DeadLetterOptions>>().Value;
            var timeProvider = sp.GetRequiredService<TimeProvider>();
            if (!string.IsNullOrWhiteSpace(options.Folder))
            {
                return new FileDeadLetterStore(options.Folder, options.InstanceName, timeProvider, sp.GetRequiredService<ILogger<FileDeadLetterStore>>());
            }

            return new BlobDeadLetterStore(CreateContainer(options), options.InstanceName, timeProvider, sp.GetRequiredService<ILogger<BlobDeadLetterStore>>());
        });
        services.TryAddSingleton<IDeadLetterStore>(sp => sp.GetRequiredService<IReplayableDeadLetterStore>());
        return services;
    }

    private static BlobContainerClient CreateContainer(DeadLetterOptions options)
    {
        var service = string.IsNullOrWhiteSpace(options.ConnectionString)
            ? new BlobServiceClient(options.ServiceUri!, new DefaultAzureCredential(new DefaultAzureCredentialOptions
            {
                ManagedIdentityClientId = string.IsNullOrWhiteSpace(options.ClientId) ? null : options.ClientId,
            }))
            : new BlobServiceClient(options.ConnectionString);
        return service.GetBlobContainerClient(options.Container);
    }
}
