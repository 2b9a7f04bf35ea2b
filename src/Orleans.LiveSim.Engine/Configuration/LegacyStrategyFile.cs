using System.Text.Json;
using Orleans.LiveSim.Engine.Rules;
using Orleans.LiveSim.Engine.Strategies;

namespace Orleans.LiveSim.Engine.Configuration;

/// <summary>
/// A strategy file of the legacy system, accepted as it is, mapped to tick-schedule parameters.
/// <para><b>v1</b> (no <c>schema_version</c>): <c>name</c>, <c>initial_balance</c>, <c>created</c>, <c>description</c> and the
/// strategy fields either flat at the top or nested in <c>params</c> (a field in both places is an error).</para>
/// <para><b>v2</b> (<c>schema_version</c> 2.x): <c>execution</c> {entry_tick, num_bets, bet_sizes, initial_balance, cooldown},
/// <c>scaling</c> {mode, kelly_fraction, win_streak_multiplier, max_streak_multiplier, theta_base, theta_max,
/// use_volatility_scaling, ...}, <c>risk_controls</c> {max_drawdown_pct, take_profit_target, reduce_on_drawdown,
/// daily_loss_limit}; <c>name</c>, <c>created</c>, <c>source</c>, <c>description</c> and <c>monte_carlo_metrics</c> are
/// informational, except <c>monte_carlo_metrics.win_rate_assumption</c>, which becomes <c>winRate</c>.</para>
/// <para>Field mapping (both formats): entry_tick → entryTick, num_bets → numBets, bet_sizes → betSizes (shorter than
/// num_bets: the last repeats; stakes such as 0.0027 are kept and rounded down to 0.001 when staking), cooldown → cooldown,
/// use_kelly_sizing → sizing kelly (else fixed; v1), scaling.mode → sizing (v2; fixed, kelly, dynamic, drawdown,
/// martingale/progressive, anti_martingale, theta_bayesian), kelly_fraction → kellyFraction, win_rate → winRate,
/// use_dynamic_sizing → dynamicSizing, high_confidence_threshold → dynamicThreshold (percent),
/// high_confidence_multiplier → dynamicMultiplier, reduce_on_drawdown → reduceOnDrawdown, max_drawdown_pct → maxDrawdownPct,
/// take_profit_target → takeProfitTarget, daily_loss_limit → dailyLossLimit (null: off), win_streak_multiplier →
/// winStreakMultiplier, max_streak_multiplier → maxStreakMultiplier, theta_base → thetaBase, theta_max → thetaMax,
/// use_volatility_scaling → volatilityScaling. Anything else is an error naming the field, and so is a contradiction
/// such as <c>use_kelly_sizing: true</c> with <c>scaling.mode</c> other than kelly.</para>
/// </summary>
/// <param name="Format"><c>1</c> or the file's <c>schema_version</c>.</param>
/// <param name="Name">The file's <c>name</c>, if any.</param>
/// <param name="InitialBalance">The file's <c>initial_balance</c>, if any.</param>
/// <param name="Parameters">The mapped parameters.</param>
public sealed record LegacyStrategyFile(string Format, string? Name, decimal? InitialBalance, StrategyParameters Parameters)
{
    private static readonly Dictionary<string, string> FieldToParameter = new()
    {
        ["entry_tick"] = "entryTick",
        ["num_bets"] = "numBets",
        ["bet_sizes"] = "betSizes",
        ["cooldown"] = "cooldown",
        ["kelly_fraction"] = "kellyFraction",
        ["win_rate"] = "winRate",
        ["use_dynamic_sizing"] = "dynamicSizing",
        ["high_confidence_threshold"] = "dynamicThreshold",
        ["high_confidence_multiplier"] = "dynamicMultiplier",
        ["reduce_on_drawdown"] = "reduceOnDrawdown",
        ["max_drawdown_pct"] = "maxDrawdownPct",
        ["take_profit_target"] = "takeProfitTarget",
        ["daily_loss_limit"] = "dailyLossLimit",
        ["win_streak_multiplier"] = "winStreakMultiplier",
        ["max_streak_multiplier"] = "maxStreakMultiplier",
        ["theta_base"] = "thetaBase",
        ["theta_max"] = "thetaMax",
        ["use_volatility_scaling"] = "volatilityScaling",
    };

    private static readonly HashSet<string> V1Params =
    [
        "entry_tick", "num_bets", "bet_sizes", "cooldown", "use_kelly_sizing", "kelly_fraction", "win_rate", "use_dynamic_sizing",
        "high_confidence_threshold", "high_confidence_multiplier", "reduce_on_drawdown", "max_drawdown_pct", "take_profit_target",
        "daily_loss_limit", "win_streak_multiplier", "max_streak_multiplier", "theta_base", "theta_max",
    ];

    private static readonly HashSet<string> Informational = ["name", "created", "description", "source"];

    private static readonly HashSet<string> V2Execution = ["entry_tick", "num_bets", "bet_sizes", "initial_balance", "cooldown"];

    private static readonly HashSet<string> V2Scaling =
    [
        "mode", "kelly_fraction", "win_rate", "use_kelly_sizing", "use_dynamic_sizing", "high_confidence_threshold",
        "high_confidence_multiplier", "win_streak_multiplier", "max_streak_multiplier", "theta_base", "theta_max", "use_volatility_scaling",
    ];

    private static readonly HashSet<string> V2Risk = ["max_drawdown_pct", "take_profit_target", "reduce_on_drawdown", "daily_loss_limit"];

    /// <summary>Whether a JSON object looks like a legacy file: it has <c>schema_version</c>, <c>params</c>, <c>execution</c>, <c>entry_tick</c> or <c>initial_balance</c>.</summary>
    public static bool LooksLikeLegacyFile(JsonElement body) =>
        body.ValueKind == JsonValueKind.Object
        && (body.TryGetProperty("schema_version", out _) || body.TryGetProperty("params", out _) || body.TryGetProperty("execution", out _)
            || body.TryGetProperty("entry_tick", out _) || body.TryGetProperty("initial_balance", out _));

    /// <summary>Parses a legacy file on its own (errors named from the file's root).</summary>
    public static (LegacyStrategyFile? File, IReadOnlyList<ConfigError> Errors) Parse(JsonElement file, SidebetRules? rules = null)
    {
        var errors = new List<ConfigError>();
        var result = Parse(file, string.Empty, rules ?? SidebetRules.Default, errors, ignoreCamelCaseFields: false);
        return errors.Count > 0 ? (null, errors) : (result, errors);
    }

    /// <summary>
    /// Parses a legacy file found at <paramref name="prefix"/> of a request (empty: the request itself). With
    /// <paramref name="ignoreCamelCaseFields"/>, top-level fields without an underscore that are not legacy fields are left
    /// to the caller (the request's own fields). Returns null when the file is not an object; errors go to <paramref name="errors"/>.
    /// </summary>
    internal static LegacyStrategyFile? Parse(JsonElement file, string prefix, SidebetRules rules, List<ConfigError> errors, bool ignoreCamelCaseFields)
    {
        if (file.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new(prefix.Length == 0 ? "$" : prefix, "must be a legacy strategy file (a JSON object)."));
            return null;
        }

        var reader = new Reader(prefix, rules, errors);
        return file.TryGetProperty("schema_version", out var version)
            ? reader.ReadV2(file, version, ignoreCamelCaseFields)
            : reader.ReadV1(file, ignoreCamelCaseFields);
    }

    private sealed class Reader(string prefix, SidebetRules rules, List<ConfigError> errors)
    {
        private StrategyParameters _parameters = new();
        private decimal? _balance;
        private string? _name;
        private readonly Dictionary<string, string> _readFrom = [];

        public LegacyStrategyFile ReadV1(JsonElement file, bool ignoreCamelCase)
        {
            var flat = new HashSet<string>();
            foreach (var p in file.EnumerateObject())
            {
                if (V1Params.Contains(p.Name))
                {
                    flat.Add(p.Name);
                    Field(p, Path(p.Name));
                }
                else if (!Top(p, ignoreCamelCase, ["params"]))
                {
                    errors.Add(new(Path(p.Name), "is not a field of a v1 legacy strategy file."));
                }
            }

            if (file.TryGetProperty("params", out var ps))
            {
                if (ps.ValueKind != JsonValueKind.Object)
                {
                    errors.Add(new(Path("params"), "must be an object."));
                }
                else
                {
                    foreach (var p in ps.EnumerateObject())
                    {
                        var field = Path($"params.{p.Name}");
                        if (!V1Params.Contains(p.Name))
                        {
                            errors.Add(new(field, "is not a v1 strategy parameter."));
                        }
                        else if (flat.Contains(p.Name))
                        {
                            errors.Add(new(field, $"is also given at the top level ({Path(p.Name)}); give it once."));
                        }
                        else
                        {
                            Field(p, field);
                        }
                    }
                }
            }

            return Finish("1");
        }

        public LegacyStrategyFile ReadV2(JsonElement file, JsonElement version, bool ignoreCamelCase)
        {
            var format = version.ValueKind == JsonValueKind.String ? version.GetString()! : string.Empty;
            if (!format.StartsWith("2.", StringComparison.Ordinal))
            {
                errors.Add(new(Path("schema_version"), "must be a 2.x version string such as \"2.0.0\" (v1 files have no schema_version)."));
            }

            foreach (var p in file.EnumerateObject())
            {
                switch (p.Name)
                {
                    case "schema_version":
                        break;
                    case "execution":
                        Block(p, V2Execution);
                        break;
                    case "scaling":
                        Block(p, V2Scaling);
                        break;
                    case "risk_controls":
                        Block(p, V2Risk);
                        break;
                    case "monte_carlo_metrics":
                        MonteCarlo(p);
                        break;
                    default:
                        if (!Top(p, ignoreCamelCase, []))
                        {
                            errors.Add(new(Path(p.Name), "is not a field of a v2 legacy strategy profile."));
                        }

                        break;
                }
            }

            return Finish(format);
        }

        private bool Top(JsonProperty p, bool ignoreCamelCase, HashSet<string> alsoKnown)
        {
            if (p.Name == "initial_balance")
            {
                _balance = SessionConfigParser.ReadBalance(p.Value, Path(p.Name), errors) ?? _balance;
                return true;
            }

            if (p.Name == "name")
            {
                _name = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : _name;
                return true;
            }

            return Informational.Contains(p.Name) || alsoKnown.Contains(p.Name) || (ignoreCamelCase && !p.Name.Contains('_'));
        }

        private void Block(JsonProperty block, HashSet<string> known)
        {
            var blockPath = Path(block.Name);
            if (block.Value.ValueKind != JsonValueKind.Object)
            {
                errors.Add(new(blockPath, "must be an object."));
                return;
            }

            string? modeName = null;
            bool? useKelly = null;
            foreach (var p in block.Value.EnumerateObject())
            {
                var field = $"{blockPath}.{p.Name}";
                if (!known.Contains(p.Name))
                {
                    errors.Add(new(field, $"is not a field of {block.Name}."));
                }
                else if (p.Name == "initial_balance")
                {
                    _balance = SessionConfigParser.ReadBalance(p.Value, field, errors) ?? _balance;
                }
                else if (p.Name == "mode")
                {
                    if (p.Value.ValueKind == JsonValueKind.String && SizingModeNames.TryParse(p.Value.GetString(), out var mode))
                    {
                        modeName = p.Value.GetString();
                        _parameters = _parameters with { Sizing = _parameters.Sizing with { Mode = mode } };
                    }
                    else
                    {
                        errors.Add(new(field, "must be one of: fixed, kelly, dynamic, drawdown, martingale, progressive, anti_martingale, theta_bayesian."));
                    }
                }
                else if (p.Name == "use_kelly_sizing")
                {
                    useKelly = ParameterSpec.ReadBool(p.Value, field, errors);
                }
                else
                {
                    Field(p, field);
                }
            }

            if (useKelly is { } kelly)
            {
                var mode = _parameters.Sizing.Mode;
                if (modeName is null)
                {
                    _parameters = _parameters with { Sizing = _parameters.Sizing with { Mode = kelly ? SizingMode.Kelly : SizingMode.Fixed } };
                }
                else if (kelly != (mode == SizingMode.Kelly))
                {
                    errors.Add(new($"{blockPath}.use_kelly_sizing", $"contradicts {blockPath}.mode \"{modeName}\"."));
                }
            }
        }

        private void MonteCarlo(JsonProperty block)
        {
            if (block.Value.ValueKind == JsonValueKind.Object && block.Value.TryGetProperty("win_rate_assumption", out var w) && w.ValueKind != JsonValueKind.Null)
            {
                var spec = TickScheduleParameterSpecs.Find("winRate")!;
                _parameters = spec.Read(w, Path($"{block.Name}.win_rate_assumption"), rules, errors, _parameters);
            }
        }

        private void Field(JsonProperty p, string field)
        {
            if (p.Name == "use_kelly_sizing")
            {
                if (ParameterSpec.ReadBool(p.Value, field, errors) is { } kelly)
                {
                    _parameters = _parameters with { Sizing = _parameters.Sizing with { Mode = kelly ? SizingMode.Kelly : SizingMode.Fixed } };
                }

                return;
            }

            var spec = TickScheduleParameterSpecs.Find(FieldToParameter[p.Name])!;
            _readFrom[spec.Name] = field;
            _parameters = spec.Read(p.Value, field, rules, errors, _parameters);
        }

        private LegacyStrategyFile Finish(string format)
        {
            TickScheduleParameterSpecs.Validate(_parameters, name => _readFrom.GetValueOrDefault(name) ?? Path(name), errors);
            return new LegacyStrategyFile(format, _name, _balance, _parameters);
        }

        private string Path(string field) => prefix.Length == 0 ? field : $"{prefix}.{field}";
    }
}
