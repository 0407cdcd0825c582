using Microsoft.Extensions.Options;

namespace HaIngestor.Connector.Commands;

/// <summary>Prints an invalid configuration the way an operator can act on: one line per failure, naming the setting.</summary>
internal static class ConfigurationErrors
{
    public static int Report(OptionsValidationException exception, TextWriter error)
    {
        error.WriteLine($"Invalid configuration ({exception.OptionsType.Name}):");
        foreach (var failure in exception.Failures)
        {
            error.WriteLine("  - " + failure);
        }

        error.WriteLine("Settings come from environment variables, e.g. Connector__Transport=Direct or HOME_ASSISTANT_URL. See docs/CONNECTOR.md.");
        return ExitCodes.BadConfiguration;
    }
}
