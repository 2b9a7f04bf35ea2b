using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Orleans.LiveSim.Engine.Configuration;
using Orleans.LiveSim.Engine.Strategies;

namespace Orleans.LiveSim.Silo.Contracts;

/// <summary>
/// Maps <see cref="StrategyParams"/> to and from the engine's <see cref="StrategyParameters"/> through the engine's
/// parameter table (<see cref="TickScheduleParameterSpecs"/>): a property of the record and the parameter of the same
/// name are one field, so adding a parameter is one row in the table and one property here (a test checks they match).
/// </summary>
public static class StrategyParamsMapping
{
    private static readonly JsonTypeInfo Info = JsonSerializerOptions.Web.GetTypeInfo(typeof(StrategyParams));

    /// <summary>The record's properties by their JSON names, in the catalogue's order.</summary>
    public static IEnumerable<JsonPropertyInfo> Properties => Info.Properties;

    /// <summary>
    /// The parameters a request gives, over <paramref name="over"/> (default: the defaults; a fork: its parent's); errors
    /// name the parameter (a choice not among its choices). Bounds are not checked here but by
    /// <see cref="TickScheduleParameterSpecs.Validate"/>, once the whole set is known.
    /// </summary>
    public static (StrategyParameters Parameters, IReadOnlyList<ConfigError> Errors) ToParameters(StrategyParams? request, StrategyParameters? over = null)
    {
        var parameters = over ?? new StrategyParameters();
        var errors = new List<ConfigError>();
        if (request is null)
        {
            return (parameters, errors);
        }

        foreach (var property in Info.Properties)
        {
            if (property.Get!(request) is not { } value)
            {
                continue;
            }

            var spec = TickScheduleParameterSpecs.Find(property.Name)!;
            if (spec.Set(parameters, value) is { } set)
            {
                parameters = set;
            }
            else
            {
                errors.Add(new(spec.Name, $"must be one of: {string.Join(", ", spec.Choices!)}."));
            }
        }

        return (parameters, errors);
    }

    /// <summary>Every parameter of <paramref name="parameters"/>, as a view shows them.</summary>
    public static StrategyParams FromParameters(StrategyParameters parameters)
    {
        var view = new StrategyParams();
        foreach (var spec in TickScheduleParameterSpecs.All)
        {
            Property(spec.Name).Set!(view, spec.Get(parameters));
        }

        return view;
    }

    /// <summary>Sets one parameter of <paramref name="target"/> by its name; used by the legacy file mapping.</summary>
    internal static void Set(StrategyParams target, string name, object value) => Property(name).Set!(target, value);

    private static JsonPropertyInfo Property(string name) =>
        Info.Properties.FirstOrDefault(p => p.Name == name) ?? throw new InvalidOperationException($"StrategyParams has no property '{name}'.");
}
