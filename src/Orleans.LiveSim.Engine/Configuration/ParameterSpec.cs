using System.Text.Json;
using System.Text.Json.Nodes;
using Orleans.LiveSim.Engine.Rules;
using Orleans.LiveSim.Engine.Strategies;

namespace Orleans.LiveSim.Engine.Configuration;

/// <summary>
/// One parameter of the tick-schedule family: how the catalogue describes it, how a request's JSON value is read
/// (errors name the field path given), and how a parameter set shows it. One table serves the catalogue, the
/// <c>strategy.params</c> parser, the legacy file mapping and the view, so they cannot drift apart.
/// </summary>
internal sealed record ParameterSpec(
    string Name,
    string Type,
    decimal? Min,
    decimal? Max,
    string Description,
    IReadOnlyList<string>? Choices,
    Func<JsonElement, string, SidebetRules, List<ConfigError>, StrategyParameters, StrategyParameters> Read,
    Func<StrategyParameters, JsonNode?> Write)
{
    public StrategyParameterInfo Info(SidebetRules rules)
    {
        var text = Write(new StrategyParameters())?.ToJsonString() ?? "null";
        return Name == "betSizes"
            ? new StrategyParameterInfo(Name, Type, text, rules.MinStake, rules.MaxStake, Description, Choices)
            : new StrategyParameterInfo(Name, Type, text, Min, Max, Description, Choices);
    }

    public static ParameterSpec Int(string name, int min, int max, string description, Func<StrategyParameters, int> get, Func<StrategyParameters, int, StrategyParameters> set) =>
        new(name, "integer", min, max, description, null,
            (v, field, _, errors, p) => SessionConfigParser.ReadInt(v, field, min, max, errors) is { } i ? set(p, i) : p,
            p => JsonValue.Create(get(p)));

    public static ParameterSpec Number(string name, decimal min, decimal max, string description, Func<StrategyParameters, decimal> get, Func<StrategyParameters, decimal, StrategyParameters> set) =>
        new(name, "number", min, max, description, null,
            (v, field, _, errors, p) => ReadBounded(v, field, min, max, errors) is { } d ? set(p, d) : p,
            p => JsonValue.Create(get(p)));

    public static ParameterSpec OptionalNumber(string name, decimal min, decimal max, string description, Func<StrategyParameters, decimal?> get, Func<StrategyParameters, decimal?, StrategyParameters> set) =>
        new(name, "number", min, max, description + " Null (default) turns it off.", null,
            (v, field, _, errors, p) => v.ValueKind == JsonValueKind.Null ? set(p, null) : ReadBounded(v, field, min, max, errors) is { } d ? set(p, d) : p,
            p => get(p) is { } d ? JsonValue.Create(d) : null);

    public static ParameterSpec Bool(string name, string description, Func<StrategyParameters, bool> get, Func<StrategyParameters, bool, StrategyParameters> set) =>
        new(name, "boolean", null, null, description, null,
            (v, field, _, errors, p) => ReadBool(v, field, errors) is { } b ? set(p, b) : p,
            p => JsonValue.Create(get(p)));

    public static ParameterSpec Choice(string name, IReadOnlyList<string> choices, string description, Func<StrategyParameters, string> get, Func<StrategyParameters, string, StrategyParameters?> set) =>
        new(name, "string", null, null, description, choices,
            (v, field, _, errors, p) =>
            {
                if (v.ValueKind == JsonValueKind.String && set(p, v.GetString()!) is { } result)
                {
                    return result;
                }

                errors.Add(new(field, $"must be one of: {string.Join(", ", choices)}."));
                return p;
            },
            p => JsonValue.Create(get(p)));

    public static decimal? ReadBounded(JsonElement value, string field, decimal min, decimal max, List<ConfigError> errors)
    {
        if (SessionConfigParser.ReadDecimal(value, field, errors) is not { } d)
        {
            return null;
        }

        if (d < min || d > max)
        {
            errors.Add(new(field, $"must be between {min} and {max}."));
            return null;
        }

        return d;
    }

    public static bool? ReadBool(JsonElement value, string field, List<ConfigError> errors)
    {
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }

        errors.Add(new(field, "must be true or false."));
        return null;
    }
}
