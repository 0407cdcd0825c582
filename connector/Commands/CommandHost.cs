using HaIngestor.Connector.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HaIngestor.Connector.Commands;

/// <summary>The host of a one-shot command (backfill, replay, summarize, quality): settings as for run, warnings only.</summary>
internal static class CommandHost
{
    /// <summary>A builder with the environment, the command line's overrides and the setting aliases, logging warnings.</summary>
    public static HostApplicationBuilder CreateBuilder(IReadOnlyDictionary<string, string?>? overrides)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddEnvironmentVariables();
        if (overrides is not null)
        {
            builder.Configuration.AddInMemoryCollection(overrides);
        }

        builder.Configuration.AddEnvironmentAliases();
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        return builder;
    }

    /// <summary>
    /// Validates every setting of <paramref name="host"/> before it starts: a bad one is printed as
    /// <see cref="ConfigurationErrors"/> reports it and its exit code returned; null when every setting is valid.
    /// Validated before the host starts so that the host does not first log it as "Hosting failed to start" with a
    /// stack trace. Every command that builds a host reports its settings through this one step.
    /// </summary>
    public static int? Validate(IHost host, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(error);
        try
        {
            host.Services.GetService<IStartupValidator>()?.Validate();
            return null;
        }
        catch (Exception ex) when (ConfigurationErrors.IsValidationFailure(ex))
        {
            return ConfigurationErrors.Report(ex, error);
        }
    }

    /// <summary>
    /// <see cref="Validate"/>, then starts the host: the exit code of a bad setting, or null when the host started.
    /// </summary>
    public static async Task<int?> TryStartAsync(IHost host, TextWriter error, CancellationToken cancellationToken)
    {
        if (Validate(host, error) is { } badConfiguration)
        {
            return badConfiguration;
        }

        try
        {
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (Exception ex) when (ConfigurationErrors.IsValidationFailure(ex))
        {
            return ConfigurationErrors.Report(ex, error);
        }
    }
}
