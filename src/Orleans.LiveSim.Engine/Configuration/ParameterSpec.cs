using System.Text.Json;
using Orleans.LiveSim.Engine.Rules;
using Orleans.LiveSim.Engine.Strategies;

namespace Orleans.LiveSim.Engine.Configuration;

/// <summary>
/// One parameter of the tick-schedule family: its name (as requests, views and the catalogue spell it), type, bounds,
/// and how it is read from and written to a <see cref="StrategyParameters"/>. One table serves the catalogue, the
/// validation and the HTTP edge's mapping, so they cannot drift apart.
/// </summary>
/// <param name="Name">Name in a request's <c>strategy.params</c> (camelCase).</param>
/// <param name="Type">JSON type: <c>integer</c>, <c>number</c>, <c>number[]</c>, <c>string</c>, <c>boolean</c>.</param>
/// <param name="Min">Inclusive lower bound of a number (of each stake for <c>number[]</c>), if any.</param>
/// <param name="Max">Inclusive upper bound of a number (of each stake for <c>number[]</c>), if any.</param>
/// <param name="Description">What it does.</param>
/// <param name="Choices">Allowed values of a <c>string</c> parameter.</param>
/// <param name="Get">The parameter's value: <c>int</c>, <c>decimal</c>, <c>decimal?</c>, <c>bool</c>, <c>string</c> or <c>IReadOnlyList&lt;decimal&gt;</c>.</param>
/// <param name="Set">Sets the parameter from a value of that type; null when the value is not one of <see cref="Choices"/>.</param>
public sealed record ParameterSpec(
    string Name,
    string Type,
    decimal? Min,
    decimal? Max,
    string Description,
    IReadOnlyList<string>? Choices,
    Func<StrategyParameters, object?> Get,
    Func<StrategyParameters, object?, StrategyParameters?> Set)
{
    /// <summary>How the catalogue lists the parameter; the default is the JSON of its value in a default parameter set.</summary>
    public StrategyParameterInfo Info(SidebetRules rules) =>
        Type == "number[]"
            ? new StrategyParameterInfo(Name, Type, DefaultJson(), rules.MinStake, rules.MaxStake, Description, Choices)
            : new StrategyParameterInfo(Name, Type, DefaultJson(), Min, Max, Description, Choices);

    private string DefaultJson() => JsonSerializer.Serialize(Get(new StrategyParameters()));

    public static ParameterSpec Int(string name, int min, int max, string description, Func<StrategyParameters, int> get, Func<StrategyParameters, int, StrategyParameters> set) =>
        new(name, "integer", min, max, description, null, p => get(p), (p, v) => set(p, (int)v!));

    public static ParameterSpec Number(string name, decimal min, decimal max, string description, Func<StrategyParameters, decimal> get, Func<StrategyParameters, decimal, StrategyParameters> set) =>
        new(name, "number", min, max, description, null, p => get(p), (p, v) => set(p, (decimal)v!));

    public static ParameterSpec OptionalNumber(string name, decimal min, decimal max, string description, Func<StrategyParameters, decimal?> get, Func<StrategyParameters, decimal?, StrategyParameters> set) =>
        new(name, "number", min, max, description + " Null (default) turns it off.", null, p => get(p), (p, v) => set(p, (decimal?)v));

    public static ParameterSpec Bool(string name, string description, Func<StrategyParameters, bool> get, Func<StrategyParameters, bool, StrategyParameters> set) =>
        new(name, "boolean", null, null, description, null, p => get(p), (p, v) => set(p, (bool)v!));

    public static ParameterSpec Choice(string name, IReadOnlyList<string> choices, string description, Func<StrategyParameters, string> get, Func<StrategyParameters, string, StrategyParameters?> set) =>
        new(name, "string", null, null, description, choices, p => get(p), (p, v) => v is string s ? set(p, s) : null);

    /// <summary>Whether the parameter's value in <paramref name="p"/> is inside its bounds (always, for unbounded ones).</summary>
    internal string? CheckBounds(StrategyParameters p) => Get(p) switch
    {
        int i when i < Min || i > Max => $"must be between {Min} and {Max}.",
        decimal d when d < Min || d > Max => $"must be between {Min} and {Max}.",
        _ => null,
    };
}
