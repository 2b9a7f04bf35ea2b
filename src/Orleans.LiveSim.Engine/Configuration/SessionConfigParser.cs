using System.Text.Json;
using Orleans.LiveSim.Engine.Rules;
using Orleans.LiveSim.Engine.Sessions;
using Orleans.LiveSim.Engine.Strategies;

namespace Orleans.LiveSim.Engine.Configuration;

/// <summary>
/// Reads the engine's part of a create-session request (<c>startingBalance</c>, <c>strategy</c>) into a
/// <see cref="SessionConfig"/>. Everything is optional; whatever is present is validated, and every
/// unknown or invalid field is reported by name.
/// </summary>
public static class SessionConfigParser
{
    private static readonly HashSet<string> ParamNames = ["entryTick", "numBets", "cooldown", "betSizes", "sizing", "maxDrawdownPct", "takeProfitTarget"];

    /// <summary>Parses the request body (a JSON object). Returns the config, or the errors when any.</summary>
    public static (SessionConfig? Config, IReadOnlyList<ConfigError> Errors) Parse(JsonElement body, SidebetRules? rules = null)
    {
        rules ??= SidebetRules.Default;
        var errors = new List<ConfigError>();
        var balance = SessionConfig.Default.StartingBalance;
        var strategyId = TickScheduleStrategy.StrategyId;
        var parameters = new StrategyParameters();

        if (body.TryGetProperty("startingBalance", out var sb))
        {
            if (ReadDecimal(sb, "startingBalance", errors) is { } b)
            {
                if (b <= 0m || b > 1_000_000m)
                {
                    errors.Add(new("startingBalance", "must be greater than 0 and at most 1000000."));
                }
                else
                {
                    balance = b;
                }
            }
        }

        if (body.TryGetProperty("strategy", out var strategy) && strategy.ValueKind != JsonValueKind.Null)
        {
            if (strategy.ValueKind != JsonValueKind.Object)
            {
                errors.Add(new("strategy", "must be an object {\"id\": ..., \"params\": {...}}."));
            }
            else
            {
                foreach (var p in strategy.EnumerateObject())
                {
                    if (p.Name is not ("id" or "params"))
                    {
                        errors.Add(new($"strategy.{p.Name}", "is not a known field (expected id, params)."));
                    }
                }

                if (strategy.TryGetProperty("id", out var id))
                {
                    if (id.ValueKind != JsonValueKind.String || !StrategyCatalog.Exists(id.GetString()!))
                    {
                        errors.Add(new("strategy.id", $"must be one of: {string.Join(", ", StrategyCatalog.All.Select(s => s.Id))}."));
                    }
                    else
                    {
                        strategyId = id.GetString()!;
                    }
                }

                if (strategy.TryGetProperty("params", out var ps) && ps.ValueKind != JsonValueKind.Null)
                {
                    parameters = ParseParams(ps, rules, errors);
                }
            }
        }

        return errors.Count > 0
            ? (null, errors)
            : (new SessionConfig(balance, strategyId, parameters, rules), errors);
    }

    private static StrategyParameters ParseParams(JsonElement ps, SidebetRules rules, List<ConfigError> errors)
    {
        var result = new StrategyParameters();
        if (ps.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new("strategy.params", "must be an object."));
            return result;
        }

        foreach (var p in ps.EnumerateObject())
        {
            var field = $"strategy.params.{p.Name}";
            if (!ParamNames.Contains(p.Name))
            {
                errors.Add(new(field, "is not a parameter of this strategy."));
                continue;
            }

            switch (p.Name)
            {
                case "entryTick" when ReadInt(p.Value, field, 0, 5000, errors) is { } v:
                    result = result with { EntryTick = v };
                    break;
                case "numBets" when ReadInt(p.Value, field, 1, 100, errors) is { } v:
                    result = result with { NumBets = v };
                    break;
                case "cooldown" when ReadInt(p.Value, field, 0, 5000, errors) is { } v:
                    result = result with { Cooldown = v };
                    break;
                case "betSizes":
                    if (ReadStakes(p.Value, field, rules, errors) is { } sizes)
                    {
                        result = result with { BetSizes = sizes };
                    }

                    break;
                case "sizing":
                    if (p.Value.ValueKind != JsonValueKind.String || p.Value.GetString() != "fixed")
                    {
                        errors.Add(new(field, "must be one of: fixed."));
                    }

                    break;
                case "maxDrawdownPct" when p.Value.ValueKind == JsonValueKind.Null:
                case "takeProfitTarget" when p.Value.ValueKind == JsonValueKind.Null:
                    break;
                case "maxDrawdownPct" when ReadDecimal(p.Value, field, errors) is { } v:
                    if (v <= 0m || v > 1m)
                    {
                        errors.Add(new(field, "must be a fraction in (0, 1]."));
                    }

                    result = result with { Risk = result.Risk with { MaxDrawdownPct = v } };
                    break;
                case "takeProfitTarget" when ReadDecimal(p.Value, field, errors) is { } v:
                    if (v <= 1m)
                    {
                        errors.Add(new(field, "must be a multiple of the starting balance greater than 1."));
                    }

                    result = result with { Risk = result.Risk with { TakeProfitTarget = v } };
                    break;
            }
        }

        return result;
    }

    private static decimal[]? ReadStakes(JsonElement value, string field, SidebetRules rules, List<ConfigError> errors)
    {
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() == 0)
        {
            errors.Add(new(field, "must be a non-empty array of stakes."));
            return null;
        }

        var sizes = new decimal[value.GetArrayLength()];
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (ReadDecimal(item, $"{field}[{i}]", errors) is not { } stake)
            {
                return null;
            }

            if (stake < rules.MinStake || stake > rules.MaxStake)
            {
                errors.Add(new($"{field}[{i}]", $"must be between {rules.MinStake} and {rules.MaxStake}."));
                return null;
            }

            sizes[i++] = stake;
        }

        return sizes;
    }

    internal static int? ReadInt(JsonElement value, string field, int min, int max, List<ConfigError> errors)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var v))
        {
            if (v >= min && v <= max)
            {
                return v;
            }

            errors.Add(new(field, $"must be between {min} and {max}."));
            return null;
        }

        errors.Add(new(field, "must be an integer."));
        return null;
    }

    internal static decimal? ReadDecimal(JsonElement value, string field, List<ConfigError> errors)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var v))
        {
            return v;
        }

        errors.Add(new(field, "must be a number."));
        return null;
    }
}
