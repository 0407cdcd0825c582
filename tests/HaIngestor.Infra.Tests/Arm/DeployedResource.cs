using System.Text.Json;

namespace HaIngestor.Infra.Tests.Arm;

/// <summary>One resource a deployment would create, with the scope its expressions are evaluated in.</summary>
internal sealed record DeployedResource(string Type, string Module, string Symbol, JsonElement Body, ArmScope Scope)
{
    public JsonElement Properties => Body.GetProperty("properties");

    /// <summary>A property path under the resource body, evaluated (e.g. "properties", "rights").</summary>
    public object? Evaluate(params string[] path)
    {
        var element = Body;
        foreach (var name in path)
        {
            element = element.GetProperty(name);
        }

        return ArmExpression.Evaluate(element, Scope);
    }
}
