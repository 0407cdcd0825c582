using System.Globalization;
using System.Text;
using System.Text.Json;

namespace HaIngestor.Infra.Tests.Arm;

/// <summary>
/// Evaluates the part of the ARM template expression language that deployment conditions and module parameters
/// use (parameters, variables, equals, not, empty, and, or, if, createObject, length, ...). Anything that needs
/// Azure (reference, listKeys, resourceId, ...) evaluates to <see cref="Unknown"/>, which a condition treats as
/// "deployed" so that a test can never pass by hiding a resource it cannot judge.
/// </summary>
internal static class ArmExpression
{
    /// <summary>A value only Azure could compute.</summary>
    public static readonly object Unknown = new UnknownValue();

    /// <summary>Evaluates a JSON value: an expression string "[...]", an object or array of them, or a literal.</summary>
    public static object? Evaluate(JsonElement value, ArmScope scope) => value.ValueKind switch
    {
        JsonValueKind.String => EvaluateString(value.GetString()!, scope),
        JsonValueKind.Object => value.EnumerateObject().ToDictionary(property => property.Name, property => Evaluate(property.Value, scope), StringComparer.OrdinalIgnoreCase),
        JsonValueKind.Array => value.EnumerateArray().Select(item => Evaluate(item, scope)).ToList(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number => value.GetDouble(),
        _ => null,
    };

    public static object? EvaluateString(string text, ArmScope scope)
    {
        if (text.Length < 2 || text[0] != '[' || text[^1] != ']' || text.StartsWith("[[", StringComparison.Ordinal))
        {
            return text;
        }

        var parser = new Parser(text[1..^1], scope);
        var result = parser.ParseExpression();
        parser.ExpectEnd();
        return result;
    }

    /// <summary>True, false, or (for <see cref="Unknown"/>) true.</summary>
    public static bool IsTrue(object? value) => value switch
    {
        bool boolean => boolean,
        string text => bool.Parse(text),
        UnknownValue => true,
        _ => throw new InvalidOperationException($"Not a condition value: {value}"),
    };

    private sealed class UnknownValue
    {
        public override string ToString() => "<unknown>";
    }

    private sealed class Parser(string text, ArmScope scope)
    {
        private int _position;

        public void ExpectEnd()
        {
            SkipSpace();
            if (_position != text.Length)
            {
                throw new FormatException($"Unexpected '{text[_position..]}' in [{text}].");
            }
        }

        public object? ParseExpression()
        {
            SkipSpace();
            object? value;
            if (text[_position] == '\'')
            {
                value = ParseString();
            }
            else if (char.IsDigit(text[_position]) || text[_position] == '-')
            {
                var start = _position++;
                while (_position < text.Length && (char.IsDigit(text[_position]) || text[_position] == '.'))
                {
                    _position++;
                }

                value = double.Parse(text[start.._position], CultureInfo.InvariantCulture);
            }
            else
            {
                var name = ParseIdentifier();
                Expect('(');
                // Every argument is evaluated, as ARM does (both branches of if() too): functions only Azure knows
                // yield Unknown rather than fail, so that is safe.
                var arguments = new List<object?>();
                SkipSpace();
                while (text[_position] != ')')
                {
                    arguments.Add(ParseExpression());
                    SkipSpace();
                    if (text[_position] == ',')
                    {
                        _position++;
                    }
                }

                _position++;
                value = Call(name, arguments);
            }

            return ParseAccessors(value);
        }

        private object? ParseAccessors(object? value)
        {
            while (true)
            {
                SkipSpace();
                if (_position < text.Length && text[_position] == '.')
                {
                    _position++;
                    var member = ParseIdentifier();
                    value = Member(value, member);
                }
                else if (_position < text.Length && text[_position] == '[')
                {
                    _position++;
                    var index = ParseExpression();
                    Expect(']');
                    value = index is string key ? Member(value, key) : Index(value, index);
                }
                else
                {
                    return value;
                }
            }
        }

        private static object? Member(object? value, string member) => value switch
        {
            IDictionary<string, object?> dictionary => dictionary.TryGetValue(member, out var found) ? found : Unknown,
            _ => Unknown,
        };

        private static object? Index(object? value, object? index) => value switch
        {
            IList<object?> list when index is double number => list[(int)number],
            _ => Unknown,
        };

        private object? Call(string name, List<object?> arguments)
        {
            if (arguments.Any(argument => argument is UnknownValue) && name is not ("if" or "createObject" or "createArray" or "and" or "or"))
            {
                return Unknown;
            }

            return name.ToLowerInvariant() switch
            {
                "parameters" => scope.Parameter((string)arguments[0]!),
                "variables" => scope.Variable((string)arguments[0]!),
                "equals" => Equals(Normalize(arguments[0]), Normalize(arguments[1])),
                "not" => arguments[0] is UnknownValue ? Unknown : !(bool)arguments[0]!,
                "and" => arguments.Any(argument => argument is false) ? false : arguments.Any(argument => argument is UnknownValue) ? Unknown : true,
                "or" => arguments.Any(argument => argument is true) ? true : arguments.Any(argument => argument is UnknownValue) ? Unknown : false,
                "if" => arguments[0] is UnknownValue ? Unknown : (bool)arguments[0]! ? arguments[1] : arguments[2],
                "empty" => arguments[0] switch
                {
                    null => true,
                    string text => text.Length == 0,
                    IList<object?> list => list.Count == 0,
                    IDictionary<string, object?> dictionary => dictionary.Count == 0,
                    _ => false,
                },
                "length" => arguments[0] switch
                {
                    string text => (double)text.Length,
                    IList<object?> list => list.Count,
                    _ => Unknown,
                },
                "true" => true,
                "false" => false,
                "createobject" => Enumerable.Range(0, arguments.Count / 2)
                    .ToDictionary(index => (string)arguments[2 * index]!, index => arguments[(2 * index) + 1], StringComparer.OrdinalIgnoreCase),
                "createarray" => arguments.ToList(),
                "tolower" => ((string)arguments[0]!).ToLowerInvariant(),
                "format" => Format(arguments),
                "concat" => arguments.All(argument => argument is string)
                    ? string.Concat(arguments.Cast<string>())
                    : arguments.SelectMany(argument => argument as IList<object?> ?? [argument]).ToList(),
                _ => Unknown,
            };
        }

        private static object? Normalize(object? value) => value is string text ? text.ToLowerInvariant() : value;

        private static string Format(List<object?> arguments)
        {
            var format = (string)arguments[0]!;
            return string.Format(CultureInfo.InvariantCulture, format, arguments.Skip(1).ToArray());
        }

        private string ParseString()
        {
            var builder = new StringBuilder();
            _position++;
            while (true)
            {
                if (text[_position] == '\'')
                {
                    if (_position + 1 < text.Length && text[_position + 1] == '\'')
                    {
                        builder.Append('\'');
                        _position += 2;
                        continue;
                    }

                    _position++;
                    return builder.ToString();
                }

                builder.Append(text[_position++]);
            }
        }

        private string ParseIdentifier()
        {
            SkipSpace();
            var start = _position;
            while (_position < text.Length && (char.IsLetterOrDigit(text[_position]) || text[_position] is '_' or '$'))
            {
                _position++;
            }

            if (start == _position)
            {
                throw new FormatException($"Identifier expected at {_position} in [{text}].");
            }

            return text[start.._position];
        }

        private void Expect(char expected)
        {
            SkipSpace();
            if (_position >= text.Length || text[_position] != expected)
            {
                throw new FormatException($"'{expected}' expected at {_position} in [{text}].");
            }

            _position++;
        }

        private void SkipSpace()
        {
            while (_position < text.Length && char.IsWhiteSpace(text[_position]))
            {
                _position++;
            }
        }
    }
}
