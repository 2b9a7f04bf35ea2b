using Orleans.LiveSim.Engine.Sessions;
using Orleans.LiveSim.Engine.Strategies;

namespace Orleans.LiveSim.Engine.Configuration;

/// <summary>The rules a <see cref="SessionConfig"/> must keep before a session starts; errors name the field in request terms.</summary>
public static class SessionConfigRules
{
    /// <summary>Largest paper balance a session may start with.</summary>
    public const decimal MaxStartingBalance = 1_000_000m;

    /// <summary>
    /// The rules <paramref name="config"/> breaks: <c>startingBalance</c> in (0, <see cref="MaxStartingBalance"/>],
    /// <c>strategyId</c> in the catalogue, and the strategy's parameter rules (named by parameter, e.g. <c>betSizes[2]</c>).
    /// </summary>
    public static IReadOnlyList<ConfigError> Validate(SessionConfig config)
    {
        var errors = new List<ConfigError>();
        if (config.StartingBalance is <= 0m or > MaxStartingBalance)
        {
            errors.Add(new("startingBalance", $"must be greater than 0 and at most {MaxStartingBalance}."));
        }

        if (!StrategyCatalog.Exists(config.StrategyId))
        {
            errors.Add(new("strategyId", $"must be one of: {string.Join(", ", StrategyCatalog.All.Select(s => s.Id))}."));
        }

        errors.AddRange(TickScheduleParameterSpecs.Validate(config.Parameters, config.Rules));
        return errors;
    }
}
