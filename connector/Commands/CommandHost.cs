using HaIngestor.Connector.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HaIngestor.Connector.Commands;

/// <summary>The host of a one-shot command (replay, summarize, quality): settings as for run, warnings only.</summary>
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
}
