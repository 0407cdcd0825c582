using System.Text.Json;

namespace HaIngestor.Infra.Tests.Arm;

/// <summary>
/// What a deployment of main.bicep with a given parameter file would create: the resources whose conditions hold,
/// through every module, with each module's parameters evaluated from its caller. Conditions that depend on what
/// only Azure knows count as true.
/// </summary>
internal sealed class ArmDeployment
{
    private ArmDeployment(IReadOnlyList<DeployedResource> resources) => Resources = resources;

    public IReadOnlyList<DeployedResource> Resources { get; }

    public IEnumerable<DeployedResource> OfType(string type) =>
        Resources.Where(resource => string.Equals(resource.Type, type, StringComparison.OrdinalIgnoreCase));

    public static ArmDeployment Evaluate(ArmTemplate template, IReadOnlyDictionary<string, object?> parameters)
    {
        var resources = new List<DeployedResource>();
        Walk(template.Root, new ArmScope(template.Root, parameters), "main", resources);
        return new ArmDeployment(resources);
    }

    /// <summary>The parameter values of a compiled parameter file (bicep build-params output).</summary>
    public static IReadOnlyDictionary<string, object?> ReadParameters(string parametersJson)
    {
        using var document = JsonDocument.Parse(parametersJson);
        using var nothing = JsonDocument.Parse("{}");
        var empty = new ArmScope(nothing.RootElement, new Dictionary<string, object?>());
        return document.RootElement.GetProperty("parameters").EnumerateObject().ToDictionary(
            parameter => parameter.Name,
            parameter => ArmExpression.Evaluate(parameter.Value.GetProperty("value"), empty),
            StringComparer.OrdinalIgnoreCase);
    }

    private static void Walk(JsonElement template, ArmScope scope, string module, List<DeployedResource> resources)
    {
        if (!template.TryGetProperty("resources", out var declared))
        {
            return;
        }

        var items = declared.ValueKind == JsonValueKind.Object
            ? declared.EnumerateObject().Select(property => (Symbol: property.Name, Resource: property.Value))
            : declared.EnumerateArray().Select((resource, index) => (Symbol: index.ToString(System.Globalization.CultureInfo.InvariantCulture), Resource: resource));
        foreach (var (symbol, resource) in items)
        {
            if (resource.TryGetProperty("existing", out var existing) && existing.ValueKind == JsonValueKind.True)
            {
                continue;
            }

            if (resource.TryGetProperty("condition", out var condition) && !ArmExpression.IsTrue(ArmExpression.Evaluate(condition, scope)))
            {
                continue;
            }

            if (resource.TryGetProperty("copy", out var copy)
                && ArmExpression.Evaluate(copy.GetProperty("count"), scope) is double count && count == 0)
            {
                continue;
            }

            var type = resource.GetProperty("type").GetString()!;
            resources.Add(new DeployedResource(type, module, symbol, resource, scope));
            if (type == "Microsoft.Resources/deployments"
                && resource.GetProperty("properties").TryGetProperty("template", out var nested))
            {
                Walk(nested, new ArmScope(nested, ModuleParameters(resource, scope)), symbol, resources);
            }
        }
    }

    private static Dictionary<string, object?> ModuleParameters(JsonElement deployment, ArmScope caller)
    {
        var supplied = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        if (!deployment.GetProperty("properties").TryGetProperty("parameters", out var parameters))
        {
            return supplied;
        }

        foreach (var parameter in parameters.EnumerateObject())
        {
            // Either {"value": ...} or an expression that builds that object (createObject('value', ...)).
            var evaluated = ArmExpression.Evaluate(parameter.Value, caller);
            supplied[parameter.Name] = evaluated is IDictionary<string, object?> wrapper && wrapper.TryGetValue("value", out var value)
                ? value
                : ArmExpression.Unknown;
        }

        return supplied;
    }
}
