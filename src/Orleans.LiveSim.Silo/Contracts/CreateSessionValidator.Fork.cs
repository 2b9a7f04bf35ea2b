using Orleans.LiveSim.Abstractions.Sessions;
using Orleans.LiveSim.Engine.Configuration;
using Orleans.LiveSim.Engine.Sessions;

namespace Orleans.LiveSim.Silo.Contracts;

/// <summary>The fork of a session, checked like a create: its parameters over the parent's, and the range it replays.</summary>
public sealed partial class CreateSessionValidator
{
    /// <summary>
    /// The fork <paramref name="request"/> asks of <paramref name="parent"/>: the parent's config with the given parameters
    /// replaced, and its source: from <c>fromSeq</c> (default the parent's first seq) to where the parent is (an ended
    /// parent: its last seq; a running replay: the end of its range), then live when the parent runs live. 400 names the
    /// field; 409 when the journal no longer holds <c>fromSeq</c>.
    /// </summary>
    public async Task<CreateSessionCheck> CheckForkAsync(ForkSessionRequest request, ForkSource parent, CancellationToken cancellationToken = default)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var (parameters, parameterErrors) = StrategyParamsMapping.ToParameters(request.Strategy?.Params, parent.Config.Parameters);
        var config = parent.Config with
        {
            StrategyId = request.Strategy?.Id ?? parent.Config.StrategyId,
            Parameters = parameters,
            StartingBalance = request.StartingBalance ?? parent.Config.StartingBalance,
        };
        foreach (var error in parameterErrors.Concat(SessionConfigRules.Validate(config)))
        {
            errors.TryAdd(error.Field switch { "startingBalance" => "startingBalance", "strategyId" => "strategy.id", var name => $"strategy.params.{name}" }, [error.Message]);
        }

        var from = request.FromSeq ?? parent.FirstSeq;
        var live = parent.Running && parent.Source.IsLive;
        long? to = live ? null : parent.Running ? parent.Source.ToSeq ?? parent.LastSeq : parent.LastSeq;
        if (from < 1)
        {
            errors["fromSeq"] = ["must be an integer >= 1."];
        }
        else if (from > to)
        {
            errors["fromSeq"] = [$"must be at most {to}: the parent session ends there."];
        }

        if (errors.Count > 0)
        {
            return new CreateSessionCheck(null, null, StatusCodes.Status400BadRequest, errors);
        }

        var feedId = parent.Source.FeedId;
        var first = await journal.GetFirstSeqAsync(feedId, cancellationToken);
        var last = await journal.GetLastSeqAsync(feedId, cancellationToken);
        if (from < first || from > last + 1)
        {
            errors["fromSeq"] = [$"asks for seq {from}, but the journal of feed '{feedId}' holds seq {first}..{last}: fork from a seq inside it."];
            return new CreateSessionCheck(null, null, StatusCodes.Status409Conflict, errors, (first, last));
        }

        var source = live
            ? new SessionSource(feedId, SessionMode.Live, from, Provider: parent.Source.Provider)
            : new SessionSource(feedId, SessionMode.Replay, from, to, ReplaySpeed.Max, parent.Source.RecordingId, parent.Source.Provider);
        return new CreateSessionCheck(config, source, 0, errors);
    }
}
