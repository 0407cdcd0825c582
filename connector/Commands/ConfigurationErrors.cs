using Microsoft.Extensions.Options;

namespace HaIngestor.Connector.Commands;

/// <summary>Prints an invalid configuration the way an operator can act on: one line per failure, naming the setting.</summary>
internal static class ConfigurationErrors
{
    /// <summary>True for a validation failure, or several of them (start-up validation aggregates one per section).</summary>
    public static bool IsValidationFailure(Exception exception) =>
        exception is OptionsValidationException
        || IsConversionFailure(exception)
        || (exception is AggregateException aggregate && aggregate.InnerExceptions.All(IsValidationFailure));

    // The configuration binder's "Failed to convert configuration value 'X' at 'Section:Key' to type ...": a value
    // that is not one of an enum's names or not a number. Only typed settings convert, never a secret string.
    private static bool IsConversionFailure(Exception exception) =>
        exception is InvalidOperationException { InnerException: FormatException }
        && exception.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal);

    /// <summary>Every failure message, one per setting.</summary>
    public static IReadOnlyList<string> Failures(Exception exception) => exception switch
    {
        OptionsValidationException validation => [.. validation.Failures],
        AggregateException aggregate => [.. aggregate.InnerExceptions.SelectMany(Failures)],
        _ => [exception.Message],
    };

    public static int Report(Exception exception, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(error);
        error.WriteLine("Invalid configuration:");
        foreach (var failure in Failures(exception))
        {
            error.WriteLine("  - " + failure);
        }

        error.WriteLine("Settings come from environment variables, e.g. Connector__Transport=Direct or HOME_ASSISTANT_URL. See docs/CONNECTOR.md.");
        return ExitCodes.BadConfiguration;
    }
}
