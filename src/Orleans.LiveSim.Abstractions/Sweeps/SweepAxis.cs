using System.Text.Json;
using System.Text.Json.Serialization;
using Orleans.LiveSim.Abstractions.Serialization;
using Orleans.LiveSim.Engine.Configuration;
using Orleans.LiveSim.Engine.Strategies;

namespace Orleans.LiveSim.Abstractions.Sweeps;

/// <summary>One axis of a sweep's grid: a catalogue parameter and the values it takes, each as its JSON text (<c>20</c>, <c>[0.001]</c>, <c>"kelly"</c>).</summary>
/// <param name="Parameter">The parameter's name in <c>strategy.params</c>.</param>
/// <param name="Values">Its values, in order, as JSON texts.</param>
[GenerateSerializer]
[Immutable]
[Alias("livesim.SweepAxis")]
public sealed record SweepAxis(
    [property: Id(0)] string Parameter,
    [property: Id(1), JsonConverter(typeof(RawJsonListConverter))] IReadOnlyList<string> Values);

/// <summary>
/// The variants of a grid: every combination of its axes' values, numbered like nested loops over the axes in order
/// (the last axis changes fastest). Variant <c>i</c> is the base parameters with each axis's value of <c>i</c> set.
/// </summary>
public static class SweepGrid
{
    /// <summary>How many variants the axes give, or <see cref="long.MaxValue"/> when that is more than a long holds.</summary>
    public static long Count(IReadOnlyList<SweepAxis> axes)
    {
        long count = 1;
        foreach (var axis in axes)
        {
            count = axis.Values.Count == 0 ? 0 : count > long.MaxValue / axis.Values.Count ? long.MaxValue : count * axis.Values.Count;
        }

        return count;
    }

    /// <summary>Each axis's value (JSON text) in variant <paramref name="index"/>, by parameter name, in axis order.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> ValuesOf(IReadOnlyList<SweepAxis> axes, long index)
    {
        var values = new KeyValuePair<string, string>[axes.Count];
        for (var a = axes.Count - 1; a >= 0; a--)
        {
            var n = axes[a].Values.Count;
            values[a] = new(axes[a].Parameter, axes[a].Values[(int)(index % n)]);
            index /= n;
        }

        return values;
    }

    /// <summary>The parameters of variant <paramref name="index"/>: <paramref name="baseParameters"/> with its axis values set.</summary>
    /// <exception cref="ArgumentException">A value is not one the parameter takes (the HTTP edge checked every value before).</exception>
    public static StrategyParameters Parameters(StrategyParameters baseParameters, IReadOnlyList<SweepAxis> axes, long index)
    {
        var parameters = baseParameters;
        foreach (var (name, json) in ValuesOf(axes, index))
        {
            var spec = TickScheduleParameterSpecs.Find(name) ?? throw new ArgumentException($"'{name}' is not a parameter.", nameof(axes));
            parameters = spec.Set(parameters, Read(spec, json)) ?? throw new ArgumentException($"{json} is not a value of {name}.", nameof(axes));
        }

        return parameters;
    }

    /// <summary>
    /// A JSON value as the parameter's type (<c>int</c>, <c>decimal</c>, <c>decimal?</c>, <c>bool</c>, <c>string</c>,
    /// <c>decimal[]</c>); null with a message saying what it must be when it is not one.
    /// </summary>
    public static (object? Value, string? Error) TryRead(ParameterSpec spec, JsonElement json)
    {
        var nullable = spec.Type == "number" && spec.Get(new StrategyParameters()) is null;
        return spec.Type switch
        {
            "integer" => json.ValueKind == JsonValueKind.Number && json.TryGetInt32(out var i) ? (i, null) : (null, "must be an integer."),
            "number" when json.ValueKind == JsonValueKind.Null && nullable => (null, null),
            "number" => json.ValueKind == JsonValueKind.Number && json.TryGetDecimal(out var d) ? (d, null) : (null, nullable ? "must be a number or null." : "must be a number."),
            "boolean" => json.ValueKind is JsonValueKind.True or JsonValueKind.False ? (json.GetBoolean(), null) : (null, "must be true or false."),
            "string" => json.ValueKind == JsonValueKind.String ? (json.GetString(), null) : (null, "must be a string."),
            "number[]" => Stakes(json),
            _ => (null, $"cannot be swept (type {spec.Type})."),
        };
    }

    private static (object? Value, string? Error) Stakes(JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.Array || json.GetArrayLength() is 0 or > TickScheduleParameterSpecs.MaxBetsPerRound)
        {
            return (null, $"must be an array of 1 to {TickScheduleParameterSpecs.MaxBetsPerRound} numbers.");
        }

        var stakes = new List<decimal>();
        foreach (var item in json.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetDecimal(out var stake))
            {
                return (null, $"must be an array of 1 to {TickScheduleParameterSpecs.MaxBetsPerRound} numbers.");
            }

            stakes.Add(stake);
        }

        return (stakes, null);
    }

    private static object? Read(ParameterSpec spec, string json)
    {
        using var document = JsonDocument.Parse(json);
        var (value, error) = TryRead(spec, document.RootElement);
        return error is null ? value : throw new ArgumentException($"{json}: {error}", nameof(json));
    }
}
