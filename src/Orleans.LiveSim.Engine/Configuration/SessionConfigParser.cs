using System.Text.Json;
using System.Text.Json.Nodes;
using Orleans.LiveSim.Engine.Rules;
using Orleans.LiveSim.Engine.Sessions;
using Orleans.LiveSim.Engine.Strategies;

namespace Orleans.LiveSim.Engine.Configuration;

/// <summary>
/// Reads the engine's part of a create-session request into a <see cref="SessionConfig"/>. Everything is optional;
/// whatever is present is validated, and every unknown or invalid field is reported by its JSON path. Three shapes:
/// <list type="number">
/// <item><c>{"startingBalance": 0.1, "strategy": {"id": "tick-schedule", "params": {"entryTick": 219, "sizing": "kelly", ...}}}</c>
/// (parameters as <see cref="StrategyCatalog"/> lists them).</item>
/// <item><c>{"startingBalance"?: 0.1, "legacyStrategy": {...a legacy v1 or v2 file as it is...}}</c>; errors are named
/// <c>legacyStrategy.params.num_bets</c> etc.</item>
/// <item>The body itself is a legacy file (it has <c>schema_version</c>, <c>params</c>, <c>execution</c>, <c>entry_tick</c> or
/// <c>initial_balance</c>): errors are named <c>params.num_bets</c> etc. The request's own camelCase fields (<c>feedId</c>,
/// <c>startingBalance</c>, ...) may sit beside the file's fields; unknown snake_case fields are errors.</item>
/// </list>
/// A request <c>startingBalance</c> overrides the file's <c>initial_balance</c>. <c>strategy</c> together with a legacy
/// file is an error. See <see cref="LegacyStrategyFile"/> for how legacy fields map to parameters.
/// </summary>
public static class SessionConfigParser
{
    /// <summary>Property of a request that carries a legacy strategy file.</summary>
    public const string LegacyStrategyProperty = "legacyStrategy";

    /// <summary>Parses the request body (a JSON object). Returns the config, or the errors when any.</summary>
    public static (SessionConfig? Config, IReadOnlyList<ConfigError> Errors) Parse(JsonElement body, SidebetRules? rules = null)
    {
        rules ??= SidebetRules.Default;
        var errors = new List<ConfigError>();
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new("$", "the request body must be a JSON object."));
            return (null, errors);
        }

        decimal? requestBalance = null;
        if (body.TryGetProperty("startingBalance", out var sb) && ReadBalance(sb, "startingBalance", errors) is { } b)
        {
            requestBalance = b;
        }

        var hasStrategy = body.TryGetProperty("strategy", out var strategy) && strategy.ValueKind != JsonValueKind.Null;
        var hasLegacyProperty = body.TryGetProperty(LegacyStrategyProperty, out var legacy) && legacy.ValueKind != JsonValueKind.Null;
        var bodyIsLegacy = !hasLegacyProperty && LegacyStrategyFile.LooksLikeLegacyFile(body);
        if (hasStrategy && (hasLegacyProperty || bodyIsLegacy))
        {
            errors.Add(new("strategy", "give either strategy or a legacy strategy file, not both."));
            return (null, errors);
        }

        var config = SessionConfig.Default with { Rules = rules };
        if (hasLegacyProperty || bodyIsLegacy)
        {
            var file = hasLegacyProperty
                ? LegacyStrategyFile.Parse(legacy, LegacyStrategyProperty, rules, errors, ignoreCamelCaseFields: false)
                : LegacyStrategyFile.Parse(body, string.Empty, rules, errors, ignoreCamelCaseFields: true);
            if (file is not null)
            {
                config = config with
                {
                    StartingBalance = file.InitialBalance ?? config.StartingBalance,
                    Parameters = file.Parameters,
                    Name = file.Name,
                    LegacyFormat = file.Format,
                };
            }
        }
        else if (hasStrategy)
        {
            config = ParseStrategy(strategy, config, rules, errors);
        }

        if (requestBalance is { } balance)
        {
            config = config with { StartingBalance = balance };
        }

        return errors.Count > 0 ? (null, errors) : (config, errors);
    }

    /// <summary>The parameters in the <c>strategy.params</c> form (camelCase), every parameter present: what a view shows.</summary>
    public static JsonObject ToParamsJson(StrategyParameters parameters)
    {
        var result = new JsonObject();
        foreach (var spec in TickScheduleParameterSpecs.All)
        {
            result[spec.Name] = spec.Write(parameters);
        }

        return result;
    }

    private static SessionConfig ParseStrategy(JsonElement strategy, SessionConfig config, SidebetRules rules, List<ConfigError> errors)
    {
        if (strategy.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new("strategy", "must be an object {\"id\": ..., \"params\": {...}}."));
            return config;
        }

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
                config = config with { StrategyId = id.GetString()! };
            }
        }

        if (strategy.TryGetProperty("params", out var ps) && ps.ValueKind != JsonValueKind.Null)
        {
            config = config with { Parameters = ParseParams(ps, rules, errors) };
        }

        return config;
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
            if (TickScheduleParameterSpecs.Find(p.Name) is not { } spec)
            {
                errors.Add(new(field, "is not a parameter of this strategy."));
                continue;
            }

            result = spec.Read(p.Value, field, rules, errors, result);
        }

        TickScheduleParameterSpecs.Validate(result, name => $"strategy.params.{name}", errors);
        return result;
    }

    internal static decimal? ReadBalance(JsonElement value, string field, List<ConfigError> errors)
    {
        if (ReadDecimal(value, field, errors) is not { } b)
        {
            return null;
        }

        if (b <= 0m || b > 1_000_000m)
        {
            errors.Add(new(field, "must be greater than 0 and at most 1000000."));
            return null;
        }

        return b;
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
