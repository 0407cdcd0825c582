using Microsoft.Extensions.Configuration;

namespace HaIngestor.Connector.AddOn;

/// <summary>
/// Add-on mode. When the Supervisor started us (it sets <c>SUPERVISOR_TOKEN</c>), the connector reaches Home
/// Assistant through the Supervisor's proxy with that token, keeps its journal and state under the folder of
/// <c>options.json</c> (<c>/data</c>, which survives restarts and updates) and takes the user's settings from
/// <c>options.json</c>. Nothing is needed from the user for Home Assistant itself: no URL, no long-lived token.
/// </summary>
public static class AddOnConfiguration
{
    /// <summary>The variable the Supervisor sets in every add-on container (also read from configuration, for tests).</summary>
    public const string TokenVariable = "SUPERVISOR_TOKEN";

    /// <summary>Where the Supervisor writes the user's options. Override with <c>AddOn:OptionsPath</c>.</summary>
    public const string DefaultOptionsPath = "/data/options.json";

    /// <summary>The Supervisor's address inside the add-on network. Override with <c>AddOn:SupervisorUrl</c>.</summary>
    public const string DefaultSupervisorUrl = "http://supervisor";

    /// <summary>True when <see cref="TokenVariable"/> is set.</summary>
    public static bool IsAddOn(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return !string.IsNullOrWhiteSpace(configuration[TokenVariable]);
    }

    /// <summary>
    /// In add-on mode, adds the add-on's settings over everything else; otherwise does nothing.
    /// </summary>
    /// <exception cref="FormatException">options.json is missing or an option is invalid; the message names the option.</exception>
    public static IConfigurationManager AddHomeAssistantAddOn(this IConfigurationManager configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (!IsAddOn(configuration))
        {
            return configuration;
        }

        var optionsPath = configuration["AddOn:OptionsPath"] is { Length: > 0 } path ? path : DefaultOptionsPath;
        var supervisor = (configuration["AddOn:SupervisorUrl"] is { Length: > 0 } url ? url : DefaultSupervisorUrl).TrimEnd('/');
        string json;
        try
        {
            json = File.ReadAllText(optionsPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new FormatException($"AddOn:OptionsPath: cannot read the add-on options at {optionsPath} ({ex.Message}).", ex);
        }

        var values = AddOnOptionsReader.Read(json);
        var data = Path.GetDirectoryName(Path.GetFullPath(optionsPath))!;

        // The proxy's REST root is /core/api/ and its WebSocket /core/websocket (supervisor/api/__init__.py).
        values["HomeAssistant:Url"] = supervisor + "/core";
        values["HomeAssistant:Token"] = configuration[TokenVariable];
        values["Journal:Path"] = Path.Combine(data, "journal");
        values["HomeAssistant:StatePath"] = Path.Combine(data, "journal", "state");
        values["Direct:DataPath"] = data;
        configuration.AddInMemoryCollection(values);
        return configuration;
    }
}
