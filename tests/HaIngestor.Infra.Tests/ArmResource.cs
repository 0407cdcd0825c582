using System.Text.Json;

namespace HaIngestor.Infra.Tests;

/// <summary>One resource of the compiled template and the (module) template that declares it.</summary>
internal sealed record ArmResource(string Type, string Module, JsonElement Body, JsonElement Template)
{
    public JsonElement Properties => Body.GetProperty("properties");

    /// <summary>Names of the declaring template's secure parameters.</summary>
    public IReadOnlyList<string> SecureParameterNames =>
        Template.TryGetProperty("parameters", out var parameters)
            ? parameters.EnumerateObject()
                .Where(parameter => parameter.Value.TryGetProperty("type", out var type)
                    && type.GetString()!.StartsWith("secure", StringComparison.OrdinalIgnoreCase))
                .Select(parameter => parameter.Name)
                .ToList()
            : [];
}
