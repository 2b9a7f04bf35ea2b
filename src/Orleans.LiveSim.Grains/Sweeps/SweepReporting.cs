using Microsoft.Extensions.Options;
using Orleans.LiveSim.Abstractions.Sweeps;
using Orleans.LiveSim.Grains.Sessions;

namespace Orleans.LiveSim.Grains.Sweeps;

/// <summary>Makes the <see cref="SweepReporter"/> of a session that is a sweep's variant.</summary>
public sealed class SweepReporting(IGrainFactory grains, TimeProvider time, IOptions<SweepOptions> options)
{
    /// <summary>The reporter of session <paramref name="sessionId"/>, or null when it is no sweep's variant.</summary>
    public SweepReporter? For(string sessionId, SweepMembership? membership) =>
        membership is null ? null : new SweepReporter(sessionId, membership, grains, time, options.Value.ReportInterval);
}

/// <summary>
/// Tells a variant's sweep where the variant stands: at most once per interval while it runs, and once when it ends.
/// One-way calls: a session never waits on its sweep.
/// </summary>
public sealed class SweepReporter(string sessionId, SweepMembership membership, IGrainFactory grains, TimeProvider time, TimeSpan interval)
{
    private long _lastReport;
    private bool _reported;
    private bool _ended;

    public void Report(SessionRunner runner)
    {
        var now = time.GetTimestamp();
        if (_ended || (runner.Running && _reported && time.GetElapsedTime(_lastReport, now) < interval))
        {
            return;
        }

        (_lastReport, _reported, _ended) = (now, true, !runner.Running);
        var engine = runner.Engine;
        var s = engine.State;
        _ = grains.GetGrain<ISweepGrain>(membership.SweepId).ReportAsync(
            new VariantResult(membership.Index, sessionId, s.Status, s.EndReason, s.LastSeq, VariantStats.From(s.Stats, s.Equity), engine.StateHash));
    }
}
