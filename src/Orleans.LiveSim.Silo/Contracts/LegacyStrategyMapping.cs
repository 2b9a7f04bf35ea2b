using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Orleans.LiveSim.Engine.Configuration;
using Orleans.LiveSim.Engine.Strategies;

namespace Orleans.LiveSim.Silo.Contracts;

/// <summary>What a legacy file maps to, and where each parameter came from (so a rule it breaks names the file's field).</summary>
/// <param name="Format"><c>1</c> or the file's <c>schema_version</c>.</param>
/// <param name="Name">The file's <c>name</c>, if any.</param>
/// <param name="InitialBalance">The file's <c>initial_balance</c>, if any.</param>
/// <param name="Parameters">The mapped parameters, in request terms.</param>
/// <param name="FieldOf">Parameter name (<c>numBets</c>, <c>startingBalance</c>) to the path of the file's field it came from.</param>
public sealed record LegacyStrategy(string Format, string? Name, decimal? InitialBalance, StrategyParams Parameters, IReadOnlyDictionary<string, string> FieldOf);

/// <summary>
/// Maps a <see cref="LegacyStrategyFile"/> onto <see cref="StrategyParams"/>: entry_tick → entryTick, num_bets → numBets,
/// bet_sizes → betSizes (beyond the list a bet stakes 0.001, as in the legacy system), and sizingProfile legacy: stakes
/// follow the legacy live simulator's formulas and rounding (<see cref="Orleans.LiveSim.Engine.Strategies.LegacySizing"/>),
/// cooldown → cooldown, use_kelly_sizing → sizing kelly (else fixed), scaling.mode → sizing (fixed, kelly, dynamic,
/// drawdown, martingale/progressive, anti_martingale, theta_bayesian), kelly_fraction → kellyFraction, win_rate → winRate,
/// use_dynamic_sizing → dynamicSizing, high_confidence_threshold → dynamicThreshold (percent), high_confidence_multiplier →
/// dynamicMultiplier, reduce_on_drawdown → reduceOnDrawdown, max_drawdown_pct → maxDrawdownPct, take_profit_target →
/// takeProfitTarget, daily_loss_limit → dailyLossLimit (null: off), win_streak_multiplier → winStreakMultiplier,
/// max_streak_multiplier → maxStreakMultiplier, theta_base → thetaBase, theta_max → thetaMax, use_volatility_scaling →
/// volatilityScaling. A field of the other format, a field given twice, or <c>use_kelly_sizing</c> contradicting
/// <c>scaling.mode</c> is an error naming the field.
/// </summary>
public static class LegacyStrategyMapping
{
    private static readonly Dictionary<string, string> ParameterOf = new(StringComparer.Ordinal)
    {
        ["entry_tick"] = "entryTick",
        ["num_bets"] = "numBets",
        ["bet_sizes"] = "betSizes",
        ["cooldown"] = "cooldown",
        ["use_kelly_sizing"] = "sizing",
        ["mode"] = "sizing",
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
        ["initial_balance"] = "startingBalance",
    };

    private const string LegacyModes = "fixed, kelly, dynamic, drawdown, martingale, progressive, anti_martingale, theta_bayesian";

    /// <summary>Maps a file found at <paramref name="prefix"/> of a request (empty: the body itself). Errors are keyed by path.</summary>
    public static LegacyStrategy Map(LegacyStrategyFile file, string prefix, IDictionary<string, string[]> errors)
    {
        var mapper = new Mapper(prefix, errors);
        string format;
        if (file.SchemaVersion is null)
        {
            format = "1";
            mapper.Reject(file.Execution, "execution", "v1");
            mapper.Reject(file.Scaling, "scaling", "v1");
            mapper.Reject(file.RiskControls, "risk_controls", "v1");
            mapper.Reject(file.MonteCarloMetrics, "monte_carlo_metrics", "v1");
            mapper.Copy(file, "");
            mapper.Copy(file.Params, "params.");
        }
        else
        {
            format = file.SchemaVersion;
            if (!format.StartsWith("2.", StringComparison.Ordinal))
            {
                errors[mapper.Path("schema_version")] = ["must be a 2.x version string such as \"2.0.0\" (v1 files have no schema_version)."];
            }

            mapper.Reject(file.Params, "params", "v2");
            foreach (var field in SetFields(typeof(LegacyParams), file).Append(file.InitialBalance is null ? null : "initial_balance").OfType<string>())
            {
                mapper.Reject(field, field, "v2");
            }

            mapper.Copy(file.Execution, "execution.");
            mapper.Copy(file.Scaling, "scaling.");
            mapper.Copy(file.RiskControls, "risk_controls.");
            if (file.MonteCarloMetrics?.WinRateAssumption is { } winRate && !mapper.Has("winRate"))
            {
                mapper.Set("winRate", winRate, "monte_carlo_metrics.win_rate_assumption");
            }
        }

        // A legacy file stakes what the legacy live simulator staked (LegacySizing), not what our modes would.
        StrategyParamsMapping.Set(mapper.Parameters, "sizingProfile", "legacy");
        return new LegacyStrategy(format, file.Name, mapper.Balance, mapper.Parameters, mapper.FieldOf);
    }

    private static IEnumerable<string?> SetFields(Type type, object block) =>
        JsonSerializerOptions.Web.GetTypeInfo(type).Properties.Where(p => p.Get!(block) is not null).Select(p => p.Name);

    private sealed class Mapper(string prefix, IDictionary<string, string[]> errors)
    {
        private readonly Dictionary<string, string> _fieldOf = new(StringComparer.Ordinal);

        public StrategyParams Parameters { get; } = new();

        public decimal? Balance { get; private set; }

        public IReadOnlyDictionary<string, string> FieldOf => _fieldOf;

        public string Path(string field) => prefix.Length == 0 ? field : $"{prefix}.{field}";

        public bool Has(string parameter) => _fieldOf.ContainsKey(parameter);

        public void Reject(object? block, string field, string format)
        {
            if (block is not null)
            {
                errors[Path(field)] = [format == "v1" ? "is not a field of a v1 legacy strategy file (v2 profiles have a schema_version)." : "is not a field of a v2 legacy strategy profile."];
            }
        }

        /// <summary>Copies the legacy fields set in <paramref name="block"/>, by the table, onto the parameters.</summary>
        public void Copy(object? block, string at)
        {
            if (block is null)
            {
                return;
            }

            // Declared order: in scaling, mode comes before use_kelly_sizing, which must then agree with it.
            foreach (var property in JsonSerializerOptions.Web.GetTypeInfo(block.GetType()).Properties)
            {
                if (property.Get!(block) is not { } value || !ParameterOf.TryGetValue(property.Name, out var parameter))
                {
                    continue;
                }

                var field = at + property.Name;
                if (_fieldOf.TryGetValue(parameter, out var earlier))
                {
                    if (Conflict(Parameters, parameter, value, earlier) is { } conflict)
                    {
                        errors[Path(field)] = [conflict];
                    }

                    continue;
                }

                if (parameter == "startingBalance")
                {
                    Balance = (decimal)value;
                    _fieldOf[parameter] = Path(field);
                }
                else if (Sizing(property.Name, value) is { } sizing)
                {
                    Set(parameter, sizing, field);
                }
                else
                {
                    errors[Path(field)] = [$"must be one of: {LegacyModes}."];
                }
            }
        }

        public void Set(string parameter, object value, string field)
        {
            StrategyParamsMapping.Set(Parameters, parameter, value);
            _fieldOf[parameter] = Path(field);
        }

        private static object? Sizing(string legacyName, object value) => legacyName switch
        {
            "use_kelly_sizing" => SizingModeNames.Name((bool)value ? SizingMode.Kelly : SizingMode.Fixed),
            "mode" => SizingModeNames.TryParse((string)value, out var mode) ? SizingModeNames.Name(mode) : null,
            _ => value,
        };

        /// <summary>Why a parameter given a second time is an error; null when it is <c>use_kelly_sizing</c> agreeing with <c>mode</c>.</summary>
        private static string? Conflict(StrategyParams parameters, string parameter, object value, string earlier)
        {
            if (parameter == "sizing" && earlier.EndsWith("mode", StringComparison.Ordinal))
            {
                var kelly = parameters.Sizing == SizingModeNames.Name(SizingMode.Kelly);
                return (bool)value == kelly ? null : $"contradicts {earlier} \"{parameters.Sizing}\".";
            }

            return $"is also given at {earlier}; give it once.";
        }
    }
}
