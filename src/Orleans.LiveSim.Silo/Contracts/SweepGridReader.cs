using System.Globalization;
using System.Text.Json;
using Orleans.LiveSim.Abstractions.Sweeps;
using Orleans.LiveSim.Engine.Configuration;
using Orleans.LiveSim.Engine.Sessions;

namespace Orleans.LiveSim.Silo.Contracts;

/// <summary>
/// Reads a sweep request's <c>grid</c> into <see cref="SweepAxis"/> values, checking each value against its parameter's
/// type and rules as it would be checked in a session request; errors name the value (<c>grid.entryTick[2]</c>,
/// <c>grid.numBets.step</c>).
/// </summary>
public static class SweepGridReader
{
    private const string Shape = "must be an object mapping catalogue parameters (GET /live-sim/strategies) to a list of values or, for a number, {\"from\", \"to\", \"step\"}.";

    public static IReadOnlyList<SweepAxis> Read(JsonElement? grid, SessionConfig baseConfig, long maxVariants, IDictionary<string, string[]> errors)
    {
        if (grid is not { ValueKind: JsonValueKind.Object } g || !g.EnumerateObject().Any())
        {
            errors["grid"] = [Shape];
            return [];
        }

        var axes = new List<SweepAxis>();
        foreach (var property in g.EnumerateObject())
        {
            var field = $"grid.{property.Name}";
            if (TickScheduleParameterSpecs.Find(property.Name) is not { } spec)
            {
                errors[field] = ["is not a parameter of the strategy (GET /live-sim/strategies)."];
            }
            else if (axes.Any(a => a.Parameter == spec.Name))
            {
                errors[field] = ["is given twice."];
            }
            else if (Values(spec, property.Value, field, baseConfig, maxVariants, errors) is { } values)
            {
                axes.Add(new SweepAxis(spec.Name, values));
            }
        }

        if (errors.Count == 0 && SweepGrid.Count(axes) is var count && count > maxVariants)
        {
            errors["grid"] = [$"gives {(count == long.MaxValue ? "too many" : count.ToString(CultureInfo.InvariantCulture))} variants; a sweep may have at most {maxVariants} (LiveSim:Sweeps:MaxVariants)."];
        }

        return axes;
    }

    private static List<string>? Values(ParameterSpec spec, JsonElement value, string field, SessionConfig baseConfig, long maxVariants, IDictionary<string, string[]> errors)
    {
        var items = value.ValueKind switch
        {
            JsonValueKind.Array => value.EnumerateArray().Select((item, i) => (Field: $"{field}[{i}]", Json: item.GetRawText())).ToList(),
            JsonValueKind.Object => Range(spec, value, field, maxVariants, errors),
            _ => null,
        };
        if (items is null || items.Count == 0)
        {
            errors.TryAdd(field, [value.ValueKind == JsonValueKind.Array ? "must list at least one value." : Shape]);
            return null;
        }

        foreach (var (itemField, json) in items)
        {
            if (Check(spec, json, baseConfig) is { } message)
            {
                errors[itemField] = [itemField == field ? $"{json} (in the range) {message}" : message];
                return null;
            }
        }

        return [.. items.Select(i => i.Json)];
    }

    /// <summary>A value's error: its type, then the rules it breaks set into the base config; null when it is fine.</summary>
    private static string? Check(ParameterSpec spec, string json, SessionConfig baseConfig)
    {
        using var document = JsonDocument.Parse(json);
        var (value, error) = SweepGrid.TryRead(spec, document.RootElement);
        if (error is not null)
        {
            return error;
        }

        if (spec.Set(baseConfig.Parameters, value) is not { } parameters)
        {
            return $"must be one of: {string.Join(", ", spec.Choices!)}.";
        }

        return SessionConfigRules.Validate(baseConfig with { Parameters = parameters })
            .FirstOrDefault(e => e.Field == spec.Name || e.Field.StartsWith(spec.Name + "[", StringComparison.Ordinal)) is { } broken
            ? (broken.Field == spec.Name ? broken.Message : $"{broken.Field[spec.Name.Length..]}: {broken.Message}")
            : null;
    }

    private static List<(string Field, string Json)>? Range(ParameterSpec spec, JsonElement range, string field, long maxVariants, IDictionary<string, string[]> errors)
    {
        if (spec.Type is not ("integer" or "number"))
        {
            errors[field] = [$"is a {spec.Type}: give a list of values (a range is for numbers)."];
            return null;
        }

        var bounds = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var p in range.EnumerateObject())
        {
            if (p.Name is not ("from" or "to" or "step"))
            {
                errors[$"{field}.{p.Name}"] = ["is not a known field (expected from, to, step)."];
            }
            else if (p.Value.ValueKind != JsonValueKind.Number || !p.Value.TryGetDecimal(out var d) || (spec.Type == "integer" && d != decimal.Truncate(d)))
            {
                errors[$"{field}.{p.Name}"] = [spec.Type == "integer" ? "must be an integer." : "must be a number."];
            }
            else
            {
                bounds[p.Name] = d;
            }
        }

        foreach (var name in new[] { "from", "to", "step" }.Where(n => !bounds.ContainsKey(n) && !errors.ContainsKey($"{field}.{n}")))
        {
            errors[$"{field}.{name}"] = ["is required."];
        }

        if (bounds.Count < 3)
        {
            return null;
        }

        var (from, to, step) = (bounds["from"], bounds["to"], bounds["step"]);
        if (step <= 0m || to < from)
        {
            errors[step <= 0m ? $"{field}.step" : $"{field}.to"] = [step <= 0m ? "must be greater than 0." : "must not be below from."];
            return null;
        }

        if (decimal.Floor((to - from) / step) + 1 > maxVariants)
        {
            errors[field] = [$"gives more than {maxVariants} values; a sweep may have at most {maxVariants} variants (LiveSim:Sweeps:MaxVariants)."];
            return null;
        }

        var values = new List<(string, string)>();
        for (var v = from; v <= to; v += step)
        {
            values.Add((field, spec.Type == "integer" ? decimal.ToInt64(v).ToString(CultureInfo.InvariantCulture) : v.ToString(CultureInfo.InvariantCulture)));
        }

        return values;
    }
}
