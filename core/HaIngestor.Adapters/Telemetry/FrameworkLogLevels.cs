using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HaIngestor.Adapters.Telemetry;

/// <summary>
/// Default log levels of the framework's categories, shared by both hosts: <c>System</c> (the HTTP client logs four
/// Information lines per request, and a failed request with its stack trace), <c>Microsoft</c>, <c>Azure</c> (the
/// SDKs log every request) and <c>Polly</c> at Warning; the host's start and stop lines stay. The application's own
/// lines report failures once per episode instead.
/// </summary>
public static class FrameworkLogLevels
{
    /// <summary>The categories held at Warning unless configuration says otherwise.</summary>
    public static IReadOnlyList<string> QuietCategories { get; } = ["System", "Microsoft", "Azure", "Polly"];

    /// <summary>
    /// Adds the defaults before the configured rules, so a setting such as
    /// <c>Logging__LogLevel__System.Net.Http.HttpClient=Information</c> still wins (of equally specific rules the last counts).
    /// </summary>
    public static ILoggingBuilder AddFrameworkLogLevels(this ILoggingBuilder logging)
    {
        ArgumentNullException.ThrowIfNull(logging);
        logging.Services.Configure<LoggerFilterOptions>(options =>
        {
            var defaults = QuietCategories
                .Select(category => new LoggerFilterRule(null, category, LogLevel.Warning, null))
                .Append(new LoggerFilterRule(null, "Microsoft.Hosting.Lifetime", LogLevel.Information, null))
                .ToList();
            for (var i = defaults.Count - 1; i >= 0; i--)
            {
                options.Rules.Insert(0, defaults[i]);
            }
        });
        return logging;
    }
}
