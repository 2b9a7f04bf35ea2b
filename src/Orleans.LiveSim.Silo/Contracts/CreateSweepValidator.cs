using Microsoft.Extensions.Options;
using Orleans.LiveSim.Abstractions.Sessions;
using Orleans.LiveSim.Abstractions.Sweeps;
using Orleans.LiveSim.Engine.Sessions;
using Orleans.LiveSim.Feeds.Journal;
using Orleans.LiveSim.Grains.Sweeps;

namespace Orleans.LiveSim.Silo.Contracts;

/// <summary>A sweep request, checked: its base config, source, grid and metric, or why not.</summary>
/// <param name="BaseConfig">The config every variant starts from (null when refused).</param>
/// <param name="Source">Where the variants' ticks come from (null when refused).</param>
/// <param name="Grid">The swept parameters and their values.</param>
/// <param name="Metric">What to rank by.</param>
/// <param name="Status">400 or 409 (a replay range the journal does not hold in full); 0 when accepted.</param>
/// <param name="Errors">The refused fields and why.</param>
/// <param name="Available">The journal's range, when a replay range was refused.</param>
public sealed record CreateSweepCheck(
    SessionConfig? BaseConfig,
    SessionSource? Source,
    IReadOnlyList<SweepAxis> Grid,
    SweepMetric Metric,
    int Status,
    IDictionary<string, string[]> Errors,
    (long FromSeq, long ToSeq)? Available = null);

/// <summary>
/// Checks a <see cref="CreateSweepRequest"/>: its session fields exactly as a session request's
/// (<see cref="CreateSessionValidator"/>, so the same errors name the same fields), then its grid
/// (<see cref="SweepGridReader"/>) against the base config and the variant cap, and its metric. A live sweep's variants
/// all start at the feed's next seq, chosen here.
/// </summary>
public sealed class CreateSweepValidator(CreateSessionValidator sessions, IFeedJournal journal, IOptions<SweepOptions> options)
{
    public async Task<CreateSweepCheck> CheckAsync(CreateSweepRequest request, CancellationToken cancellationToken = default)
    {
        var session = await sessions.CheckAsync(
            new CreateSessionRequest { FeedId = request.FeedId, Source = request.Source, Strategy = request.Strategy, StartingBalance = request.StartingBalance, LegacyStrategy = request.LegacyStrategy },
            cancellationToken);
        var errors = new Dictionary<string, string[]>(session.Errors, StringComparer.Ordinal);
        var grid = SweepGridReader.Read(request.Grid, session.Config ?? SessionConfig.Default, options.Value.MaxVariants, errors);
        if (!SweepMetrics.TryParse(request.Metric ?? SweepMetric.NetPnl.Name(), out var metric))
        {
            errors["metric"] = [$"must be one of: {string.Join(", ", SweepMetrics.Names)}."];
        }

        if (errors.Count > 0)
        {
            var conflict = session.Status == StatusCodes.Status409Conflict && errors.Count == session.Errors.Count;
            return new CreateSweepCheck(null, null, grid, metric, conflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest, errors, session.Available);
        }

        var source = session.Source!;
        if (source.IsLive)
        {
            source = source with { FromSeq = await journal.GetLastSeqAsync(source.FeedId, cancellationToken) + 1 };
        }

        return new CreateSweepCheck(session.Config, source, grid, metric, 0, errors);
    }
}
