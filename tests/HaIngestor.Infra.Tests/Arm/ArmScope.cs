using System.Text.Json;

namespace HaIngestor.Infra.Tests.Arm;

/// <summary>The parameters and variables one template is evaluated with; variables are evaluated on first use.</summary>
internal sealed class ArmScope
{
    private readonly JsonElement _template;
    private readonly IReadOnlyDictionary<string, object?> _parameters;
    private readonly Dictionary<string, object?> _variables = new(StringComparer.OrdinalIgnoreCase);

    public ArmScope(JsonElement template, IReadOnlyDictionary<string, object?> suppliedParameters)
    {
        _template = template;
        var parameters = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        if (template.TryGetProperty("parameters", out var declared))
        {
            foreach (var parameter in declared.EnumerateObject())
            {
                if (suppliedParameters.TryGetValue(parameter.Name, out var supplied))
                {
                    parameters[parameter.Name] = supplied;
                }
                else if (parameter.Value.TryGetProperty("defaultValue", out var defaultValue))
                {
                    // Defaults may refer to other parameters; evaluated in this scope as ARM does.
                    parameters[parameter.Name] = ArmExpression.Evaluate(defaultValue, this);
                }
                else
                {
                    throw new InvalidOperationException($"Parameter '{parameter.Name}' has no value and no default.");
                }
            }
        }

        _parameters = parameters;
    }

    public object? Parameter(string name) =>
        _parameters.TryGetValue(name, out var value) ? value : throw new InvalidOperationException($"Unknown parameter '{name}'.");

    public object? Variable(string name)
    {
        if (_variables.TryGetValue(name, out var cached))
        {
            return cached;
        }

        if (!_template.GetProperty("variables").TryGetProperty(name, out var definition))
        {
            throw new InvalidOperationException($"Unknown variable '{name}'.");
        }

        // Loops over variables ("copy") are not needed by any condition here.
        var value = ArmExpression.Evaluate(definition, this);
        _variables[name] = value;
        return value;
    }
}
